using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Taskforge.Api.Http;

/// <summary><c>/openapi/v1.json</c> and <c>/openapi/v2.json</c> (one document per API version) and <c>/docs</c> (Swagger UI over both).</summary>
public static class ApiDocs
{
    private const string Scheme = "Bearer";

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        foreach (var version in ApiVersions.All)
        {
            AddDocument(services, ApiVersions.Name(version));
        }

        return services;
    }

    private static IServiceCollection AddDocument(IServiceCollection services, string name) =>
        services.AddOpenApi(
            name,
            options =>
            {
                options.AddDocumentTransformer(
                    (document, _, _) =>
                    {
                        document.Info.Title = "Taskforge API";
                        document.Info.Version = name;
                        document.Info.Description =
                            name == "v1"
                                ? "Self-hostable task management. Errors are RFC 9457 problem details. Deprecated: use v2."
                                : "Self-hostable task management. Errors are RFC 9457 problem details.";
                        document.Components ??= new OpenApiComponents();
                        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
                        {
                            Type = SecuritySchemeType.Http,
                            Scheme = "bearer",
                            BearerFormat = "JWT",
                            Description = "An access token from POST /api/v1/auth/login.",
                        };
                        return Task.CompletedTask;
                    }
                );
                options.AddOperationTransformer(
                    (operation, context, _) =>
                    {
                        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                        {
                            operation.Security ??= [];
                            operation.Security.Add(
                                new OpenApiSecurityRequirement
                                {
                                    [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [],
                                }
                            );
                        }

                        return Task.CompletedTask;
                    }
                );
            }
        );

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "docs";
            ui.SwaggerEndpoint("/openapi/v2.json", "Taskforge v2");
            ui.SwaggerEndpoint("/openapi/v1.json", "Taskforge v1 (deprecated)");
            ui.DocumentTitle = "Taskforge API";
        });
        return app;
    }
}
