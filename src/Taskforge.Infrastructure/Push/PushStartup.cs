using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Taskforge.Application.Push;

namespace Taskforge.Infrastructure.Push;

/// <summary>Reads the VAPID keys at startup, so bad keys stop the process at once rather than at the first push.</summary>
public sealed class PushStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IPushService>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
