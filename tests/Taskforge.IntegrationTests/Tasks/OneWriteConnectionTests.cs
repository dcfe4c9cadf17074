using System.Net;
using System.Net.Http.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

/// <summary>
/// On PostgreSQL, write transactions take a connection from a pool of their own, at most
/// <c>Database:ConcurrentWrites</c> of them. With one, every write path must finish its
/// transaction before another begins: a path that opened a second write transaction while
/// holding the first would wait for itself until the pool's timeout and answer 503.
/// </summary>
public sealed class OneWriteConnectionTests : IClassFixture<PostgresApp>
{
    private readonly TaskforgeApp _app;

    public OneWriteConnectionTests(PostgresApp app) => _app = app.With("Database:ConcurrentWrites", "1");

    [Fact]
    public async Task Writes_of_many_users_at_once_all_complete_through_one_write_connection()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _app.RegisterAsync()));

        await Task.WhenAll(users.Select(WriteEverythingAsync));
    }

    private static async Task WriteEverythingAsync(TestUser user)
    {
        var project = await user.Client.CreateProjectAsync();
        var created = await Task.WhenAll(
            Enumerable
                .Range(0, 6)
                .Select(i =>
                    user.Client.PostAsJsonAsync(
                        TaskApi.Tasks,
                        new
                        {
                            title = $"task {i}",
                            projectId = project.Id(),
                            tags = new[] { "a", "b" },
                        }
                    )
                )
        );
        created.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        var ids = new List<Guid>();
        foreach (var response in created)
        {
            ids.Add((await response.JsonAsync()).Id());
        }

        var patched = await Task.WhenAll(
            ids.Select(id =>
                user.Client.PatchAsync($"{TaskApi.Tasks}/{id}", new { title = "patched", completed = true })
            )
        );
        patched.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);

        (await user.Client.DeleteAsync($"{TaskApi.Projects}/{project.Id()}")).EnsureStatus(HttpStatusCode.NoContent);
        foreach (var id in ids)
        {
            (await user.Client.GetAsync($"{TaskApi.Tasks}/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }
}
