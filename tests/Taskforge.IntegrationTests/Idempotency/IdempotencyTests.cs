using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Taskforge.Application.Jobs;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;
using static Taskforge.IntegrationTests.Idempotency.IdempotencyRequests;

namespace Taskforge.IntegrationTests.Idempotency;

/// <summary>
/// Idempotency-Key on POST and PATCH: every write route replays its first answer and writes once;
/// a changed body is 422, a duplicate in flight 409, keys are per user, bad keys are 400.
/// </summary>
public abstract class IdempotencyTests(TaskforgeApp fixture)
{
    private readonly TaskforgeApp _app = fixture.With("Workers:Enabled", "false");

    public static TheoryData<string> CreateRoutes =>
        ["v1 task", "v2 task", "project", "webhook", "push subscription", "webhook ping"];

    [Theory]
    [MemberData(nameof(CreateRoutes))]
    public async Task A_retried_create_replays_the_first_answer_and_writes_once(string route)
    {
        var user = await _app.RegisterAsync();
        var (url, body, count) = await RouteAsync(route, user);
        var before = await count();
        var key = NewKey();

        var first = await user.Client.PostWithKeyAsync(url, body, key);
        var retry = await user.Client.PostWithKeyAsync(url, body, key);

        ((int)first.StatusCode).Should().BeInRange(200, 299, await first.Content.ReadAsStringAsync());
        first.IsReplay().Should().BeFalse();
        retry.IsReplay().Should().BeTrue();
        (await retry.AnswerAsync()).Should().Be(await first.AnswerAsync());
        (await count()).Should().Be(before + 1);
    }

    [Fact]
    public async Task A_retried_registration_replays_the_user_and_creates_one_account()
    {
        var email = TestUsers.NewEmail("idem");
        var body = new
        {
            email,
            password = "correct-horse-1",
            firstName = "Idem",
            lastName = "Potent",
        };
        var key = NewKey();
        var anonymous = _app.CreateClient();

        var first = await anonymous.PostWithKeyAsync("/api/v1/auth/register", body, key);
        var retry = await anonymous.PostWithKeyAsync("/api/v1/auth/register", body, key);
        var withoutKey = await anonymous.PostJsonAsync("/api/v1/auth/register", body);

        first.EnsureStatus(HttpStatusCode.Created);
        retry.IsReplay().Should().BeTrue();
        (await retry.AnswerAsync()).Should().Be(await first.AnswerAsync());
        await withoutKey.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await _app.CountAsync($"SELECT COUNT(*) FROM users WHERE email = '{email}' AND @id IS NOT NULL", Guid.Empty))
            .Should()
            .Be(1);
    }

    [Fact]
    public async Task A_retried_patch_replays_its_answer_and_changes_nothing()
    {
        var user = await _app.RegisterAsync();
        var task = await (await user.Client.PostJsonAsync("/api/v1/tasks", new { title = "before" })).JsonAsync();
        var url = $"/api/v1/tasks/{task.Id()}";
        var key = NewKey();

        var first = await user.Client.SendWithKeyAsync(HttpMethod.Patch, url, new { title = "first" }, key);
        (await user.Client.PatchJsonAsync(url, new { title = "meanwhile" })).EnsureStatus(HttpStatusCode.OK);
        var history = await HistoryCountAsync(user, task.Id());
        var retry = await user.Client.SendWithKeyAsync(HttpMethod.Patch, url, new { title = "first" }, key);

        first.EnsureStatus(HttpStatusCode.OK);
        retry.IsReplay().Should().BeTrue();
        (await retry.AnswerAsync()).Should().Be(await first.AnswerAsync());
        (await (await user.Client.GetAsync(url)).JsonAsync()).Text("title").Should().Be("meanwhile");
        (await HistoryCountAsync(user, task.Id())).Should().Be(history);
    }

    [Fact]
    public async Task Writes_into_a_deleted_project_under_a_key_are_404_and_write_nothing()
    {
        // The project's hold fails when the write's unit commits, inside the request's transaction:
        // the unit is undone and the request's own record still commits.
        var user = await _app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();
        var task = await (await user.Client.PostJsonAsync("/api/v1/tasks", new { title = "stays" })).JsonAsync();
        var url = $"/api/v1/tasks/{task.Id()}";
        (await user.Client.DeleteAsync($"{TaskApi.Projects}/{project.Id()}")).EnsureStatus(HttpStatusCode.NoContent);
        var history = await HistoryCountAsync(user, task.Id());

        var create = await user.Client.PostWithKeyAsync(
            "/api/v1/tasks",
            new { title = "late", projectId = project.Id() },
            NewKey()
        );
        var move = await user.Client.SendWithKeyAsync(
            HttpMethod.Patch,
            url,
            new { projectId = project.Id() },
            NewKey()
        );
        var after = await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "after" }, NewKey());

        await create.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await move.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        after.EnsureStatus(HttpStatusCode.Created);
        (await TaskCountAsync(user)).Should().Be(2);
        (await (await user.Client.GetAsync(url)).JsonAsync()).Text("projectId").Should().NotBe(project.Id().ToString());
        (await HistoryCountAsync(user, task.Id())).Should().Be(history);
    }

    [Fact]
    public async Task A_final_refusal_is_kept_too_and_replayed()
    {
        var user = await _app.RegisterAsync();
        var key = NewKey();

        var first = await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "" }, key);
        var retry = await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "" }, key);

        await first.ShouldHaveFieldErrorAsync("title");
        retry.IsReplay().Should().BeTrue();
        (await retry.AnswerAsync()).Should().Be(await first.AnswerAsync());
    }

    [Fact]
    public async Task The_same_key_for_another_request_is_422_and_writes_nothing()
    {
        var user = await _app.RegisterAsync();
        var key = NewKey();
        (await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "one" }, key)).EnsureStatus(
            HttpStatusCode.Created
        );

        var otherBody = await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "two" }, key);
        var otherRoute = await user.Client.PostWithKeyAsync("/api/v1/projects", new { title = "one" }, key);

        await otherBody.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await otherRoute.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await TaskCountAsync(user)).Should().Be(1);
    }

    [Fact]
    public async Task Concurrent_duplicates_write_once_and_the_others_are_409_or_replays()
    {
        var user = await _app.RegisterAsync();
        var key = NewKey();

        var answers = await Task.WhenAll(
            Enumerable
                .Range(0, 8)
                .Select(_ => user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "once" }, key))
        );

        answers.Where(a => a.StatusCode == HttpStatusCode.Created && !a.IsReplay()).Should().ContainSingle();
        answers
            .Should()
            .OnlyContain(a => a.StatusCode == HttpStatusCode.Conflict || (a.StatusCode == HttpStatusCode.Created));
        foreach (var conflict in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
        {
            await conflict.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        }

        (await TaskCountAsync(user)).Should().Be(1);
    }

    [Fact]
    public async Task A_key_in_flight_is_409_until_its_lease_runs_out_then_it_is_taken_over_once()
    {
        var user = await _app.RegisterAsync();
        var finished = NewKey();
        (await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "crashed" }, finished)).EnsureStatus(
            HttpStatusCode.Created
        );

        // Another key for the same request, left running by a process that died before its commit.
        var running = NewKey();
        await StartedButNotFinishedAsync(user, finished, running, leaseUntil: DateTimeOffset.UtcNow.AddMinutes(5));
        var inFlight = await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "crashed" }, running);
        await inFlight.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        inFlight.Headers.RetryAfter.Should().NotBeNull();
        (await TaskCountAsync(user)).Should().Be(1);

        await _app.ExecuteAsync(
            $"UPDATE idempotency_keys SET lease_until = {_app.TimeLiteral(DateTimeOffset.UtcNow.AddSeconds(-1))} WHERE scope = CAST(@id AS TEXT) AND idempotency_key = '{running}'",
            user.Id
        );
        var takenOver = await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "crashed" }, running);
        var retry = await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "crashed" }, running);

        takenOver.EnsureStatus(HttpStatusCode.Created);
        takenOver.IsReplay().Should().BeFalse();
        retry.IsReplay().Should().BeTrue();
        (await TaskCountAsync(user)).Should().Be(2);
    }

    [Fact]
    public async Task Keys_are_per_user()
    {
        var one = await _app.RegisterAsync();
        var two = await _app.RegisterAsync();
        var key = NewKey();

        var first = await one.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "same" }, key);
        var second = await two.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "same" }, key);

        first.EnsureStatus(HttpStatusCode.Created);
        second.EnsureStatus(HttpStatusCode.Created);
        second.IsReplay().Should().BeFalse();
        (await TaskCountAsync(one)).Should().Be(1);
        (await TaskCountAsync(two)).Should().Be(1);
    }

    [Fact]
    public async Task An_empty_key_is_400_and_writes_nothing()
    {
        var user = await _app.RegisterAsync();

        // HttpClient drops a header with an empty value; the test server takes one as it is.
        var context = await _app.Server.SendAsync(http =>
        {
            http.Request.Method = "POST";
            http.Request.Path = "/api/v1/tasks";
            http.Request.Headers.Authorization = $"Bearer {user.AccessToken}";
            http.Request.Headers[KeyHeader] = "";
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream("""{"title":"never"}"""u8.ToArray());
        });

        context.Response.StatusCode.Should().Be(400);
        context.Response.ContentType.Should().Be("application/problem+json");
        (await TaskCountAsync(user)).Should().Be(0);
    }

    [Theory]
    [InlineData("clé")]
    [InlineData("tab\there")]
    [InlineData("256")]
    public async Task A_malformed_key_is_400_and_writes_nothing(string key)
    {
        var user = await _app.RegisterAsync();
        key = key == "256" ? new string('k', 256) : key;

        var response = await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "never" }, key);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await TaskCountAsync(user)).Should().Be(0);
    }

    [Fact]
    public async Task A_key_of_255_printable_characters_is_accepted()
    {
        var user = await _app.RegisterAsync();
        var printable = "k " + string.Concat(Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c));
        var key = printable + new string('x', 255 - printable.Length);
        key.Length.Should().Be(255);

        var first = await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "long key" }, key);
        var retry = await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "long key" }, key);

        first.EnsureStatus(HttpStatusCode.Created);
        retry.IsReplay().Should().BeTrue();
    }

    [Fact]
    public async Task Get_ignores_the_header()
    {
        var user = await _app.RegisterAsync();

        var response = await user.Client.SendWithKeyAsync(HttpMethod.Get, "/api/v1/tasks", null, new string('k', 300));
        var again = await user.Client.SendWithKeyAsync(HttpMethod.Get, "/api/v1/tasks", null, "same");
        var twice = await user.Client.SendWithKeyAsync(HttpMethod.Get, "/api/v1/tasks", null, "same");

        response.EnsureStatus(HttpStatusCode.OK);
        again.EnsureStatus(HttpStatusCode.OK);
        twice.IsReplay().Should().BeFalse();
    }

    [Fact]
    public async Task Token_answers_are_never_kept_so_a_retried_login_logs_in_again()
    {
        var user = await _app.RegisterAsync();
        var key = NewKey();
        var anonymous = _app.CreateClient();
        var body = new { email = user.Email, password = user.Password };

        var first = await anonymous.PostWithKeyAsync("/api/v1/auth/login", body, key);
        var retry = await anonymous.PostWithKeyAsync("/api/v1/auth/login", body, key);

        first.EnsureStatus(HttpStatusCode.OK);
        retry.EnsureStatus(HttpStatusCode.OK);
        retry.IsReplay().Should().BeFalse();
        var firstToken = (await first.JsonAsync()).Text("refreshToken");
        (await retry.JsonAsync()).Text("refreshToken").Should().NotBe(firstToken);
        var bodies = await _app.QueryAsync(
            "SELECT body FROM idempotency_keys WHERE body IS NOT NULL",
            null,
            row => System.Text.Encoding.UTF8.GetString((byte[])row[0])
        );
        bodies.Should().NotContain(b => b.Contains(firstToken) || b.Contains("accessToken"));
    }

    [Fact]
    public async Task Keys_expire_after_24_hours_and_the_purge_job_removes_them()
    {
        var user = await _app.RegisterAsync();
        var old = NewKey();
        var young = NewKey();
        (await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "old" }, old)).EnsureStatus(
            HttpStatusCode.Created
        );
        (await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "young" }, young)).EnsureStatus(
            HttpStatusCode.Created
        );
        await AgeAsync(user, old, TimeSpan.FromHours(25));

        var afterExpiry = await user.Client.PostWithKeyAsync("/api/v1/tasks", new { title = "old" }, old);
        afterExpiry.EnsureStatus(HttpStatusCode.Created);
        afterExpiry.IsReplay().Should().BeFalse();
        (await TaskCountAsync(user)).Should().Be(3);

        await AgeAsync(user, old, TimeSpan.FromHours(25));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var purge = scope.ServiceProvider.GetServices<IScheduledJob>().OfType<PurgeExpiredData>().Single();
            await purge.RunAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        }

        (await KeyCountAsync(user, old)).Should().Be(0);
        (await KeyCountAsync(user, young)).Should().Be(1);
    }

    private Task<int> AgeAsync(TestUser user, string key, TimeSpan age) =>
        _app.ExecuteAsync(
            $"UPDATE idempotency_keys SET created_at = {_app.TimeLiteral(DateTimeOffset.UtcNow - age)} WHERE scope = CAST(@id AS TEXT) AND idempotency_key = '{key}'",
            user.Id
        );

    private Task<long> KeyCountAsync(TestUser user, string key) =>
        _app.CountAsync(
            $"SELECT COUNT(*) FROM idempotency_keys WHERE scope = CAST(@id AS TEXT) AND idempotency_key = '{key}'",
            user.Id
        );

    /// <summary>Copies <paramref name="from"/>'s row as <paramref name="key"/>, running and unanswered.</summary>
    private Task<int> StartedButNotFinishedAsync(TestUser user, string from, string key, DateTimeOffset leaseUntil) =>
        _app.ExecuteAsync(
            $"""
            INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, state, lease_id, lease_until, created_at)
            SELECT scope, '{key}', fingerprint, 'running', lease_id, {_app.TimeLiteral(leaseUntil)}, created_at
            FROM idempotency_keys WHERE scope = CAST(@id AS TEXT) AND idempotency_key = '{from}'
            """,
            user.Id
        );

    private static async Task<int> TaskCountAsync(TestUser user) =>
        (await user.Client.ListAllAsync("/api/v1/tasks", 200)).Count;

    private static async Task<int> HistoryCountAsync(TestUser user, Guid taskId) =>
        (await user.Client.ListAllAsync($"/api/v1/tasks/{taskId}/history", 200)).Count;

    private static async Task<(string Url, object? Body, Func<Task<int>> Count)> RouteAsync(string route, TestUser user)
    {
        var client = user.Client;
        switch (route)
        {
            case "v1 task":
                return ("/api/v1/tasks", new { title = "retried" }, () => TaskCountAsync(user));
            case "v2 task":
                return (
                    "/api/v2/tasks",
                    new { title = "retried", status = "inProgress" },
                    async () => (await client.ListAllAsync("/api/v2/tasks", 200)).Count
                );
            case "project":
                return (
                    "/api/v1/projects",
                    new { name = "Retried" },
                    async () => (await client.ListAllAsync("/api/v1/projects", 200)).Count
                );
            case "webhook":
                return (
                    "/api/v1/webhooks",
                    new
                    {
                        url = Webhooks.WebhookApi.PublicUrl,
                        events = new[] { "*" },
                        description = "retried",
                    },
                    async () => (await client.ListAllAsync("/api/v1/webhooks", 200)).Count
                );
            case "push subscription":
                return (
                    "/api/v1/push-subscriptions",
                    PushSubscription(),
                    async () => (await client.ListAllAsync("/api/v1/push-subscriptions", 200)).Count
                );
            case "webhook ping":
                var (webhookId, _, _) = await Webhooks.WebhookApi.CreateWebhookAsync(
                    client,
                    Webhooks.WebhookApi.PublicUrl
                );
                return (
                    $"/api/v1/webhooks/{webhookId}/ping",
                    null,
                    async () => (await client.ListAllAsync($"/api/v1/webhooks/{webhookId}/deliveries", 200)).Count
                );
            default:
                throw new ArgumentOutOfRangeException(nameof(route), route, null);
        }
    }
}

public sealed class SqliteIdempotencyTests(SqliteApp app) : IdempotencyTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresIdempotencyTests(PostgresApp app) : IdempotencyTests(app), IClassFixture<PostgresApp>;
