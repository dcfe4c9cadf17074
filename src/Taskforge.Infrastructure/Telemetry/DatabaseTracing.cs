using System.Diagnostics;
using Taskforge.Infrastructure.Persistence;

namespace Taskforge.Infrastructure.Telemetry;

/// <summary>
/// A span per SQLite statement, so a request's trace shows its database work on both providers.
/// Npgsql traces its own commands (ActivitySource "Npgsql"); Microsoft.Data.Sqlite does not.
/// </summary>
public static class DatabaseTracing
{
    public const string SourceName = "Taskforge.Sqlite";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A client span for one statement, or null when nobody listens or the driver traces itself.</summary>
    public static Activity? StartCommand(DatabaseProvider provider, string sql)
    {
        if (provider != DatabaseProvider.Sqlite || !Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("sqlite", ActivityKind.Client);
        // The statement text is parameterised SQL: values (and secrets) travel as parameters, never here.
        activity?.SetTag("db.system.name", "sqlite");
        activity?.SetTag("db.query.text", sql);
        return activity;
    }

    public static void Failed(Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity?.SetTag("error.type", exception.GetType().FullName);
    }
}
