using Microsoft.Extensions.Configuration;

namespace Taskforge.Infrastructure.Email;

/// <summary><c>Email:*</c>: the SMTP relay, or none (mail is then written as .eml files under <see cref="PickupFolder"/>).</summary>
public sealed class EmailSettings
{
    public const string DefaultFrom = "Taskforge <no-reply@localhost>";

    public string From { get; init; } = DefaultFrom;

    public SmtpSettings Smtp { get; init; } = new();

    /// <summary>Where mail goes without an SMTP host; the purge job removes files older than 7 days.</summary>
    public string PickupFolder { get; init; } = Path.Combine("data", "mail");

    public static EmailSettings Read(IConfiguration configuration) =>
        configuration.GetSection("Email").Get<EmailSettings>() ?? new EmailSettings();
}

public sealed class SmtpSettings
{
    public string? Host { get; init; }

    public int Port { get; init; } = 25;

    public string? Username { get; init; }

    public string? Password { get; init; }

    public bool EnableSsl { get; init; }
}
