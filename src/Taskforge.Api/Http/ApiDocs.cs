using Microsoft.OpenApi;
using Taskforge.Api.Http.OpenApi;
using Taskforge.Infrastructure.Auth;

namespace Taskforge.Api.Http;

/// <summary><c>/openapi/v1.json</c> and <c>/openapi/v2.json</c> (one document per API version) and <c>/docs</c> (Swagger UI over both).</summary>
public static class ApiDocs
{
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
                options.AddSchemaTransformer(SchemaRules.Apply);
                options.AddOperationTransformer(OperationRules.Apply);
                options.AddDocumentTransformer(
                    (document, context, _) =>
                    {
                        Describe(document, name, context.ApplicationServices.GetRequiredService<JwtSettings>());
                        return Task.CompletedTask;
                    }
                );
            }
        );

    // OpenAPI describes the methods a path has, not the ones it lacks: the 405 is said here once.
    private const string Summary =
        "Self-hostable task management. Errors are RFC 9457 problem details. A method a path does not "
        + "have is answered 405 with an Allow header listing the methods it has.";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Auth"] = "Register, log in, rotate refresh tokens, log out: the public routes that hand out tokens.",
        ["Users"] = "The caller's own account, and every account for administrators.",
        ["Projects"] = "Named groups of tasks; every user has an Inbox.",
        ["Tasks"] = "The caller's tasks: filters, sorting, cursor pages, merge patches and their history.",
        ["Search"] = "Full-text search over the caller's tasks.",
        ["Notifications"] = "The in-app notification feed and the caller's notification settings.",
        ["Webhooks"] = "Standard Webhooks subscriptions, their deliveries and redelivery.",
        ["Web Push"] = "Browser push subscriptions and the server's VAPID public key.",
        ["Administration"] = "Dead letters and scheduled jobs (administrators).",
        ["App versions"] = "Whether a build of a client app should update, and the policies behind it.",
        ["Operations"] = "Liveness, readiness and metrics for whoever runs the service.",
    };

    private static void Describe(OpenApiDocument document, string name, JwtSettings jwt)
    {
        document.Info.Title = "Taskforge API";
        document.Info.Version = name;
        document.Info.Description = name == "v1" ? $"{Summary} Deprecated: use v2." : Summary;
        document.Info.Contact ??= new OpenApiContact { Name = "Taskforge maintainers" };

        // Relative to wherever the document was fetched from: never a reflected Host header.
        document.Servers = [];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[OperationRules.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description =
                $"An access token from POST /api/{name}/auth/login or /auth/refresh: a JWT signed with HS256 (the only algorithm accepted, as RFC8725 advises), "
                + $"valid for {(int)jwt.AccessTokenLifetime.TotalSeconds} seconds (expiresIn).",
        };

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var problemName in new[] { OperationRules.ProblemSchema, "HttpValidationProblemDetails" })
        {
            if (
                !document.Components.Schemas.TryGetValue(problemName, out var existing)
                || existing is not OpenApiSchema problem
            )
            {
                problem = new OpenApiSchema { Type = JsonSchemaType.Object };
                document.Components.Schemas[problemName] = problem;
            }

            Problem(problem);
        }

        document.Tags = new HashSet<OpenApiTag>(
            TagDescriptions.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value })
        );
    }

    /// <summary>RFC 9457 members, plus what every problem here carries: a trace id, and field errors on a 400.</summary>
    private static void Problem(OpenApiSchema problem)
    {
        problem.Description =
            "An RFC 9457 problem: type, title, status, detail, instance, a traceId, and field errors on a 400.";
        problem.Properties ??= new Dictionary<string, IOpenApiSchema>();

        // RFC 9457 lets a problem carry extension members (a 426 names the latest version, for one).
        problem.AdditionalProperties = new OpenApiSchema();
        problem.Properties["traceId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            MaxLength = 128,
            Description = "The W3C trace id of the request, for the logs.",
        };
        problem.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Field errors: each member is a field name, its value the messages about it.",
            AdditionalProperties = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                MaxItems = 100,
                Items = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1000 },
            },
        };
        SchemaRules.Bound(problem);
    }

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
