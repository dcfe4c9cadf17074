// Bare Kestrel with Taskforge's routes and methods, answering canned bodies captured from a
// running Taskforge (or the samples shipped beside this file). No auth, no database, no JSON
// serialization: what is left is the cost of HTTP parsing, routing and writing a body, the
// ceiling any real endpoint can approach.
//
// Bodies are read at startup from the directory named by BASELINE_BODIES (default: samples/
// next to the executable): token.json, user.json, task.json, list.json.

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

var app = builder.Build();

var directory =
    Environment.GetEnvironmentVariable("BASELINE_BODIES") ?? Path.Combine(AppContext.BaseDirectory, "samples");
var token = Body.Load(directory, "token.json");
var user = Body.Load(directory, "user.json");
var task = Body.Load(directory, "task.json");
var list = Body.Load(directory, "list.json");

app.MapGet("/health/ready", () => "Healthy");
app.MapGet("/health/live", () => "Healthy");

var api = app.MapGroup("/api/v1");
api.MapPost(
    "/auth/login",
    (HttpContext http) => Body.WriteAsync(http, token, StatusCodes.Status200OK, readRequest: true)
);
api.MapGet("/users/me", (HttpContext http) => Body.WriteAsync(http, user, StatusCodes.Status200OK));
api.MapGet("/tasks", (HttpContext http) => Body.WriteAsync(http, list, StatusCodes.Status200OK));
api.MapGet("/tasks/{id}", (HttpContext http) => Body.WriteAsync(http, task, StatusCodes.Status200OK));
api.MapPost(
    "/tasks",
    (HttpContext http) =>
    {
        http.Response.Headers.Location = "/api/v1/tasks/0190a000-0000-7000-8000-000000000000";
        return Body.WriteAsync(http, task, StatusCodes.Status201Created, readRequest: true);
    }
);
api.MapMethods(
    "/tasks/{id}",
    ["PATCH"],
    (HttpContext http) => Body.WriteAsync(http, task, StatusCodes.Status200OK, readRequest: true)
);

await app.RunAsync();

internal static class Body
{
    public static byte[] Load(string directory, string name) => File.ReadAllBytes(Path.Combine(directory, name));

    /// <summary>Drains the request body (as a real endpoint must) and writes the canned JSON.</summary>
    public static async Task WriteAsync(HttpContext http, byte[] body, int status, bool readRequest = false)
    {
        if (readRequest)
        {
            await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted).ConfigureAwait(false);
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }
}
