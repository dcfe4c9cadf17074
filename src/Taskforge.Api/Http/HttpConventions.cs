using Taskforge.Api.Contracts;
using Taskforge.Infrastructure.Auth;

namespace Taskforge.Api.Http;

/// <summary>The contract's HTTP conventions: JSON, problem details, body limits, cursors.</summary>
public static class HttpConventions
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddHttpConventions(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        var services = builder.Services;
        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJson.Default)
        );

        // Binding failures (bad JSON, wrong types, wrong media type) reach ExceptionProblems,
        // which answers them with field errors instead of the framework's empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemResponses.Complete);
        services.AddExceptionHandler<ExceptionProblems>();

        services.AddSingleton(sp =>
        {
            var jwt = sp.GetRequiredService<JwtSettings>();
            return new Cursors(jwt.ActiveKey, jwt.SigningKeys.Values);
        });
        return builder;
    }

    public static WebApplication UseHttpConventions(this WebApplication app)
    {
        app.UseOneWriteResponses();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RejectOversizedBodies);
        return app;
    }

    // Kestrel enforces the limit while streaming; a declared length over it is refused before
    // anything is read (and in the test server, which has no Kestrel limits).
    private static Task RejectOversizedBodies(HttpContext context, RequestDelegate next)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        return next(context);
    }
}
