using System.Globalization;
using System.Net;
using System.Text;

namespace Taskforge.Application.Email;

/// <summary>
/// The words of every mail, as plain text and as HTML (every value HTML-encoded). No template
/// engine: five short mails read best as code. Nothing here ever receives a password or a token.
/// </summary>
public static class MailTemplates
{
    public static (string Subject, string Text, string Html) Welcome(string firstName) =>
        Compose(
            "Welcome to Taskforge",
            $"Hello {firstName},",
            [
                "your Taskforge account is ready. Your tasks start in your Inbox project.",
                "If you did not create this account, you can ignore this mail.",
            ]
        );

    public static (string Subject, string Text, string Html) PasswordChanged(string firstName, DateTimeOffset at) =>
        Compose(
            "Your Taskforge password was changed",
            $"Hello {firstName},",
            [
                $"the password of your account was changed at {Format(at)}. Every device was signed out.",
                "If this was not you, reset your password at once and contact your administrator.",
            ]
        );

    public static (string Subject, string Text, string Html) DueReminder(
        string firstName,
        string taskTitle,
        DateTimeOffset dueAt
    ) =>
        Compose(
            $"Due now: {taskTitle}",
            $"Hello {firstName},",
            [$"your task \"{taskTitle}\" was due at {Format(dueAt)}."]
        );

    public static (string Subject, string Text, string Html) WeeklySummary(string firstName, WeeklySummaryData summary)
    {
        var lines = new List<string>
        {
            $"this week you completed {summary.CompletedCount} task(s).",
            $"Overdue: {summary.OverdueCount}.",
        };
        lines.AddRange(summary.Overdue.Select(t => $"- {t.Title} (due {Format(t.DueAt)})"));
        lines.Add($"Coming in the next seven days: {summary.ComingCount}.");
        lines.AddRange(summary.Coming.Select(t => $"- {t.Title} (due {Format(t.DueAt)})"));
        return Compose("Your week in Taskforge", $"Hello {firstName},", lines);
    }

    public static (string Subject, string Text, string Html) SystemReport(string date, string markdown) =>
        Compose($"Taskforge system report {date}", "Hello,", markdown.Split('\n'));

    private static (string Subject, string Text, string Html) Compose(
        string subject,
        string greeting,
        IReadOnlyList<string> lines
    )
    {
        var text = new StringBuilder().AppendLine(greeting).AppendLine();
        var html = new StringBuilder("<!DOCTYPE html><html><body>")
            .Append("<p>")
            .Append(WebUtility.HtmlEncode(greeting))
            .Append("</p>");
        foreach (var line in lines)
        {
            text.AppendLine(line);
            html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        }

        text.AppendLine().AppendLine("-- Taskforge");
        html.Append("<p>-- Taskforge</p></body></html>");
        return (subject, text.ToString(), html.ToString());
    }

    private static string Format(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "-";
}
