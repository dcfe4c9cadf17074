using System.Text.Json;
using Taskforge.Application.Events;
using Taskforge.Application.Notifications;
using Taskforge.Application.Users;
using Taskforge.Domain.Events;

namespace Taskforge.Application.Email;

/// <summary>
/// The mail consumer: a welcome on registration, a notice when the password changes, a reminder
/// when a task falls due, the weekly summary, and the system report to administrators. The
/// address is read at sending time, so a mail follows an email change and a deleted account gets none.
/// </summary>
public sealed class SendEventMail(IUserRepository users, INotificationSettingsRepository settings, IMailSender sender)
    : IEventConsumer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "mail";

    public bool Accepts(string eventType) =>
        eventType
            is EventTypes.UserRegistered
                or EventTypes.PasswordChanged
                or EventTypes.TaskDue
                or EventTypes.WeeklySummary
                or EventTypes.SystemReport;

    public async Task DeliverAsync(EventEnvelope envelope, CancellationToken ct)
    {
        if (envelope.UserId is not { } userId || await users.FindAsync(userId, ct) is not { } user)
        {
            return;
        }

        var data = envelope.Data();
        (string Subject, string Text, string Html)? mail = envelope.Type switch
        {
            EventTypes.UserRegistered => MailTemplates.Welcome(user.FirstName),
            EventTypes.PasswordChanged => MailTemplates.PasswordChanged(user.FirstName, envelope.OccurredAt),
            EventTypes.TaskDue when (await settings.GetAsync(userId, ct)).EmailReminders => MailTemplates.DueReminder(
                user.FirstName,
                data.GetProperty("title").GetString() ?? "",
                data.GetProperty("dueAt").GetDateTimeOffset()
            ),
            EventTypes.WeeklySummary when (await settings.GetAsync(userId, ct)).EmailWeeklySummary =>
                MailTemplates.WeeklySummary(user.FirstName, data.Deserialize<WeeklySummaryData>(Json)!),
            EventTypes.SystemReport => Report(data.Deserialize<SystemReportData>(Json)!),
            _ => null,
        };
        if (mail is { } m)
        {
            await sender.SendAsync(
                new OutgoingMail(user.Email, m.Subject, m.Text, m.Html, $"<{envelope.Id:N}@taskforge>"),
                ct
            );
        }
    }

    private static (string, string, string) Report(SystemReportData report) =>
        MailTemplates.SystemReport(report.Date, report.Markdown);
}
