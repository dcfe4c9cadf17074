using Microsoft.Extensions.DependencyInjection;
using Taskforge.Application.AppVersions;
using Taskforge.Application.Auth;
using Taskforge.Application.Events;
using Taskforge.Application.Idempotency;
using Taskforge.Application.Jobs;
using Taskforge.Application.Notifications;
using Taskforge.Application.Projects;
using Taskforge.Application.Push;
using Taskforge.Application.Search;
using Taskforge.Application.Tasks;
using Taskforge.Application.Users;
using Taskforge.Application.Webhooks;

namespace Taskforge.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuthOptions>();

        services.AddScoped<TokenPairIssuer>();
        services.AddScoped<RegisterUser>();
        services.AddScoped<LogIn>();
        services.AddScoped<RotateRefreshToken>();
        services.AddScoped<LogOut>();
        services.AddScoped<AuthenticateCaller>();

        services.AddScoped<GetUser>();
        services.AddScoped<UpdateUser>();
        services.AddScoped<ChangePassword>();
        services.AddScoped<DeleteUser>();
        services.AddScoped<ListUsers>();
        services.AddScoped<BootstrapAdmin>();

        services.AddScoped<CreateProject>();
        services.AddScoped<GetProject>();
        services.AddScoped<ListProjects>();
        services.AddScoped<UpdateProject>();
        services.AddScoped<DeleteProject>();

        services.AddScoped<CreateTask>();
        services.AddScoped<GetTask>();
        services.AddScoped<ListTasks>();
        services.AddScoped<UpdateTask>();
        services.AddScoped<DeleteTask>();
        services.AddScoped<ListTaskHistory>();
        services.AddScoped<SearchTasks>();

        services.AddScoped<CreateWebhook>();
        services.AddScoped<GetWebhook>();
        services.AddScoped<ListWebhooks>();
        services.AddScoped<UpdateWebhook>();
        services.AddScoped<DeleteWebhook>();
        services.AddScoped<PingWebhook>();
        services.AddScoped<ListWebhookDeliveries>();
        services.AddScoped<RedeliverWebhookDelivery>();

        services.AddScoped<ListDeadLetters>();
        services.AddScoped<RetryDeadLetter>();
        services.AddScoped<GetNotificationSettings>();
        services.AddScoped<ChangeNotificationSettings>();
        services.AddScoped<ListNotifications>();
        services.AddScoped<CountUnreadNotifications>();
        services.AddScoped<MarkNotificationRead>();
        services.AddScoped<MarkAllNotificationsRead>();
        services.AddScoped<SubscribeToPush>();
        services.AddScoped<ListPushSubscriptions>();
        services.AddScoped<UnsubscribeFromPush>();
        services.AddScoped<ListJobs>();
        services.AddScoped<RunJobNow>();
        services.AddScoped<CheckAppVersion>();
        services.AddScoped<SetAppVersionPolicy>();
        services.AddScoped<ListAppVersionPolicies>();
        services.AddScoped<ClaimIdempotencyKey>();
        services.AddScoped<FinishIdempotentRequest>();
        services.AddScoped<ReleaseIdempotencyKey>();
        return services;
    }
}
