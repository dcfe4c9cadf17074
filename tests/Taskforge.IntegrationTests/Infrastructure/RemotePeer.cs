using System.Net;
using Microsoft.AspNetCore.Builder;

namespace Taskforge.IntegrationTests.Infrastructure;

/// <summary>
/// The test server has no socket, so no peer address; this gives every request the address a
/// reverse proxy on the same host would have, as Kestrel would report it.
/// </summary>
public sealed class RemotePeer(IPAddress address) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
        app =>
        {
            app.Use(
                (context, nextMiddleware) =>
                {
                    context.Connection.RemoteIpAddress = address;
                    return nextMiddleware(context);
                }
            );
            next(app);
        };
}
