using Taskforge.Application.Common;

namespace Taskforge.Application.Push;

/// <summary>The subscription, and whether this call created it (an endpoint already known is answered as it is).</summary>
public sealed record PushSubscriptionWrite(PushSubscription Subscription, bool Created);

/// <summary>Keeps a browser's push subscription for the caller.</summary>
public sealed class SubscribeToPush(IPushSubscriptionRepository subscriptions, IPushService push, TimeProvider time)
{
    public const int MaxPerUser = 20;
    public const int EndpointMaxLength = 2048;
    private const int AuthSecretBytes = 16;

    public async Task<Result<PushSubscriptionWrite>> ExecuteAsync(
        Guid userId,
        string? endpoint,
        string? p256dh,
        string? auth,
        CancellationToken ct
    )
    {
        var validator = new Validator().RequiredText("endpoint", endpoint, EndpointMaxLength);
        if (validator.IsValid && await push.RefuseEndpointAsync(endpoint!, ct) is { } refused)
        {
            validator.Add("endpoint", refused);
        }

        if (string.IsNullOrEmpty(p256dh))
        {
            validator.Add("keys.p256dh", "is required.");
        }
        else if (!push.IsClientKey(p256dh))
        {
            validator.Add("keys.p256dh", "must be base64url of a 65-byte uncompressed P-256 public key.");
        }

        if (string.IsNullOrEmpty(auth))
        {
            validator.Add("keys.auth", "is required.");
        }
        else if (Base64Url.DecodedLength(auth) != AuthSecretBytes)
        {
            validator.Add("keys.auth", $"must be base64url of {AuthSecretBytes} bytes.");
        }

        if (!validator.IsValid)
        {
            return validator.ToError();
        }

        if (await subscriptions.FindByEndpointAsync(userId, endpoint!, ct) is { } existing)
        {
            return new PushSubscriptionWrite(existing, Created: false);
        }

        if (await subscriptions.CountAsync(userId, ct) >= MaxPerUser)
        {
            return Error.Invalid("endpoint", $"at most {MaxPerUser} push subscriptions per user; delete one first.");
        }

        var now = time.Now();
        var subscription = new PushSubscription(Guid.CreateVersion7(now), userId, endpoint!, p256dh!, auth!, now);
        if (!await subscriptions.AddAsync(subscription, ct))
        {
            // Another request stored the same endpoint meanwhile: answer with that one.
            return new PushSubscriptionWrite((await subscriptions.FindByEndpointAsync(userId, endpoint!, ct))!, false);
        }

        return new PushSubscriptionWrite(subscription, Created: true);
    }
}

/// <summary>base64url without padding, as the Push API writes keys.</summary>
public static class Base64Url
{
    /// <summary>The decoded length, or -1 when the text is not base64url.</summary>
    public static int DecodedLength(string text) => TryDecode(text) is { } bytes ? bytes.Length : -1;

    public static byte[]? TryDecode(string text)
    {
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(text.TrimEnd('='));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
