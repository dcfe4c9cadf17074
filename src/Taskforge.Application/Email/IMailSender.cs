namespace Taskforge.Application.Email;

/// <summary>Hands a mail to the outside world (an SMTP relay, or a folder of .eml files); throws when it cannot.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>
/// One mail with its plain-text and HTML parts. <see cref="MessageId"/> is derived from the event
/// it answers, so a redelivered event produces the same Message-ID and receivers can drop the copy.
/// </summary>
public sealed record OutgoingMail(string To, string Subject, string Text, string Html, string MessageId);
