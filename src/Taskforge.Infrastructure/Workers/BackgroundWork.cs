using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Taskforge.Application.Email;
using Taskforge.Application.Events;
using Taskforge.Application.Jobs;
using Taskforge.Application.Notifications;
using Taskforge.Application.Push;
using Taskforge.Application.Webhooks;
using Taskforge.Infrastructure.Email;
using Taskforge.Infrastructure.Messaging;
using Taskforge.Infrastructure.Persistence;
using Taskforge.Infrastructure.Persistence.Outbox;
using Taskforge.Infrastructure.Realtime;
using Taskforge.Infrastructure.Redis;
using Taskforge.Infrastructure.Scheduling;
using Taskforge.Infrastructure.Webhooks;

namespace Taskforge.Infrastructure.Workers;

public static class BackgroundWork
{
    /// <summary>
    /// The event consumers, and the loops that feed them (outbox delivery, schedules, webhooks). The loops
    /// run only where <c>Workers:Enabled</c> is true; the API registers them all the same, so a
    /// test or an operator can switch them by configuration alone.
    /// </summary>
    public static IServiceCollection AddBackgroundWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => EmailSettings.Read(configuration));
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddScoped<IEventConsumer, SendEventMail>();
        services.AddScoped<IEventConsumer, SendToConnectedApps>();
        services.AddSingleton<HubPresence>();
        services.AddSingleton<IRealtimeChannel>(sp =>
            sp.GetRequiredService<RedisConnection>().IsConfigured
                ? ActivatorUtilities.CreateInstance<RedisRealtimeChannel>(sp)
                : new NoRealtimeChannel()
        );
        services.AddScoped<IEventConsumer, StoreNotification>();
        services.AddScoped<IEventConsumer, SendPushReminder>();

        services.AddSingleton(_ => WebhookSettings.From(configuration));
        services.AddScoped<IEventConsumer, QueueWebhookDeliveries>();
        services.AddScoped<PendingWebhookDeliveries>();
        services.AddSingleton<WebhookSender>();

        services.AddSingleton<IMailFiles, MailFiles>();
        services.AddSingleton<IReportArchive, FileReportArchive>();
        services.AddScoped<IDueTasks>(sp => sp.GetRequiredService<TaskRepository>());
        services.AddScoped<IRetention, RetentionRepository>();
        services.AddScoped<ISummaries, SummaryRepository>();
        services.AddScoped<IScheduledJob, SendDueReminders>();
        services.AddScoped<IScheduledJob, PurgeExpiredData>();
        services.AddScoped<IScheduledJob, SendWeeklySummaries>();
        services.AddScoped<IScheduledJob, WriteSystemReport>();
        services.AddScoped<JobScheduleRepository>();
        services.AddScoped<IJobSchedules>(sp => sp.GetRequiredService<JobScheduleRepository>());

        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<JobScheduler>();

        // Inert without ConnectionStrings:RabbitMq (read when first resolved, as tests set it late);
        // as a hosted service it checks the URI at startup, and never waits for the broker.
        services.AddSingleton<RabbitMqConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<RabbitMqConnection>());
        services.AddSingleton<IEventConsumer, RabbitMqPublisher>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
