using Taskforge.Application;
using Taskforge.Infrastructure;
using Taskforge.Infrastructure.Configuration;
using Taskforge.Infrastructure.Telemetry;
using Taskforge.Infrastructure.Workers;

// The background work alone (event delivery, mail, webhooks, publishing, schedules), composed
// from the same parts and configuration as the API, so operators can scale the two apart.
try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Configuration.AddSecretsDirectory();
    builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
    if (!builder.Environment.IsDevelopment())
    {
        builder.Logging.ClearProviders().AddJsonConsole(json => json.UseUtcTimestamp = true);
    }

    // The same settings as the API's, where API instances say Workers:Enabled=false: this
    // process exists to do the work.
    builder.Configuration.AddInMemoryCollection([new("Workers:Enabled", "true")]);

    // As the API's (Api/Http/ServerLimits): under the 30 s an orchestrator waits before SIGKILL,
    // so claimed deliveries are always handed back before the process is killed.
    builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(25));

    builder.Services.AddApplication();
    builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
    builder.Services.AddBackgroundWork(builder.Configuration);
    builder.Services.AddOtlpExport(
        new OtlpSignals("taskforge-worker", OtlpSignals.BackgroundSources, OtlpSignals.BackgroundMeters)
    );

    await builder.Build().RunAsync();
    return 0;
}
catch (StartupException e)
{
    await Console.Error.WriteLineAsync($"Taskforge.Worker cannot start: {e.Message}");
    return 1;
}
