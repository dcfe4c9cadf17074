using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Net.Sockets;
using System.Text;
using Taskforge.Application.Email;
using Taskforge.Application.Events;

namespace Taskforge.Infrastructure.Email;

/// <summary>
/// Sends through System.Net.Mail (MailKit does not restore here): to the configured SMTP relay,
/// or, with no host, into the pickup folder as one .eml file per mail. A refusal throws, and the
/// outbox dispatcher retries the delivery up to its last attempt; a relay that cannot be reached
/// at all is an outage (<see cref="ChannelUnavailableException"/>): the mail waits for it to end
/// and is never dead-lettered for it.
/// </summary>
public sealed class SmtpMailSender(EmailSettings settings) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        using var message = new MailMessage
        {
            From = new MailAddress(settings.From),
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        message.To.Add(new MailAddress(mail.To));
        message.Headers.Add("Message-ID", mail.MessageId);
        // Two alternatives and no Body: multipart/alternative with exactly a text and an HTML part.
        message.AlternateViews.Add(
            AlternateView.CreateAlternateViewFromString(mail.Text, Encoding.UTF8, MediaTypeNames.Text.Plain)
        );
        message.AlternateViews.Add(
            AlternateView.CreateAlternateViewFromString(mail.Html, Encoding.UTF8, MediaTypeNames.Text.Html)
        );

        // SmtpClient is not safe for concurrent sends: one per mail.
        using var client = CreateClient();
        try
        {
            await client.SendMailAsync(message, ct);
        }
        catch (SmtpException e) when (e.InnerException is SocketException or IOException)
        {
            throw new ChannelUnavailableException($"The SMTP relay cannot be reached: {e.InnerException.Message}", e);
        }
    }

    private SmtpClient CreateClient()
    {
        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            var folder = Path.GetFullPath(settings.PickupFolder);
            Directory.CreateDirectory(folder);
            return new SmtpClient
            {
                DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
                PickupDirectoryLocation = folder,
            };
        }

        var client = new SmtpClient(settings.Smtp.Host, settings.Smtp.Port)
        {
            EnableSsl = settings.Smtp.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = 30_000,
        };
        if (!string.IsNullOrEmpty(settings.Smtp.Username))
        {
            client.Credentials = new NetworkCredential(settings.Smtp.Username, settings.Smtp.Password);
        }

        return client;
    }
}
