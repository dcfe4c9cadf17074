using System.Net;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Events;

/// <summary>
/// Registration, password changes and account deletion record their events, in their
/// transaction; sessions and administrators' edits record none; a failed write records none.
/// </summary>
public abstract class AccountEventTests(TaskforgeApp app)
{
    private const string Register = "/api/v1/auth/register";
    private const string Me = "/api/v1/users/me";
    private const string Users = "/api/v1/users";

    [Fact]
    public async Task Register_records_user_registered_and_project_created_for_the_inbox()
    {
        var email = TestUsers.NewEmail();

        var response = await app.CreateClient().PostJsonAsync(Register, NewAccount(email));

        response.EnsureStatus(HttpStatusCode.Created);
        var registered = await response.JsonAsync();
        var user = await app.LogInAsync(registered.Id(), email, "correct-horse-1");
        var inbox = (await user.Client.GetJsonAsync(TaskApi.Projects)).GetProperty("items").EnumerateArray().Single();
        var recorded = await app.OutboxEventsAsync(user.Id);
        recorded.Select(e => e.Type).Should().BeEquivalentTo("user.registered", "project.created");
        var userEvent = recorded.Single(e => e.Type == "user.registered");
        userEvent.ShouldBeEvent("user.registered", user.Id, registered);
        userEvent.Data.ShouldEqualJson(await user.Client.GetJsonAsync(Me));
        userEvent.OccurredAt.Should().Be(registered.Time("createdAt"));
        var inboxEvent = recorded.Single(e => e.Type == "project.created");
        inboxEvent.ShouldBeEvent("project.created", user.Id, inbox);
        inboxEvent.Data.ShouldEqualJson(await user.Client.GetJsonAsync($"{TaskApi.Projects}/{inbox.Id()}"));
        inboxEvent.OccurredAt.Should().Be(userEvent.OccurredAt);
        userEvent.Id.Should().NotBe(inboxEvent.Id);
    }

    [Fact]
    public async Task Failed_registrations_record_nothing()
    {
        var taken = await app.RegisterAsync();
        var anonymous = app.CreateClient();
        var before = await AllEventIdsAsync();

        await (
            await anonymous.PostJsonAsync(Register, NewAccount(taken.Email.ToUpperInvariant()))
        ).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (
            await anonymous.PostJsonAsync(Register, NewAccount(TestUsers.NewEmail(), password: "short"))
        ).ShouldHaveFieldErrorAsync("password");
        await (await anonymous.PostJsonAsync(Register, NewAccount("not-an-email"))).ShouldHaveFieldErrorAsync("email");
        await (
            await anonymous.SendRawAsync(HttpMethod.Post, Register, """{"email": "a@example.test", "password": """)
        ).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        (await AllEventIdsAsync()).Should().BeEquivalentTo(before, "no account was created");
    }

    [Fact]
    public async Task Racing_registrations_of_one_email_record_only_the_winners_events()
    {
        var email = TestUsers.NewEmail();
        using var _ = app.CreateClient(); // starts the app (and its schema) before the outbox is read
        var before = await AllEventIdsAsync();

        // Each request checks the email before it hashes the password, so the losers mostly find
        // out at the insert, inside their transaction, and roll it back.
        var answers = await Task.WhenAll(
            Enumerable.Range(0, 4).Select(_ => app.CreateClient().PostJsonAsync(Register, NewAccount(email)))
        );

        var winner = answers.Should().ContainSingle(a => a.StatusCode == HttpStatusCode.Created).Subject;
        answers.Where(a => a != winner).Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Conflict);
        var winnerId = (await winner.JsonAsync()).Id();
        var recorded = (await app.AllOutboxEventsAsync()).Where(e => !before.Contains(e.Id)).ToList();
        recorded.Select(e => e.Type).Should().BeEquivalentTo("user.registered", "project.created");
        recorded.Should().OnlyContain(e => e.UserId == winnerId);
    }

    [Fact]
    public async Task Logging_in_refreshing_and_logging_out_record_nothing()
    {
        var user = await app.RegisterAsync();
        var events = await RecordedEvents.WatchAsync(app, user.Id);
        var anonymous = app.CreateClient();

        var session = await app.LogInAsync(user.Id, user.Email, user.Password);
        await (
            await anonymous.PostJsonAsync(
                "/api/v1/auth/login",
                new { email = user.Email, password = "wrong-password-1" }
            )
        ).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var refreshed = await anonymous.PostJsonAsync(
            "/api/v1/auth/refresh",
            new { refreshToken = session.RefreshToken }
        );
        refreshed.EnsureStatus(HttpStatusCode.OK);
        var refreshToken = (await refreshed.JsonAsync()).GetProperty("refreshToken").GetString();
        (await anonymous.PostJsonAsync("/api/v1/auth/logout", new { refreshToken })).EnsureStatus(
            HttpStatusCode.NoContent
        );

        await events.ShouldHaveNoneAsync("sessions change no data of the user's");
    }

    [Fact]
    public async Task Changing_the_password_records_internal_password_changed_with_the_user()
    {
        var user = await app.RegisterAsync();
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        (
            await user.Client.PostJsonAsync(
                $"{Me}/password",
                new { currentPassword = user.Password, newPassword = "a-brand-new-password-2" }
            )
        ).EnsureStatus(HttpStatusCode.NoContent);

        var again = await app.LogInAsync(user.Id, user.Email, "a-brand-new-password-2");
        var me = await again.Client.GetJsonAsync(Me);
        var recorded = (await events.NewAsync()).Should().ContainSingle().Subject;
        recorded.ShouldBeEvent("internal.password_changed", user.Id, me);
    }

    [Fact]
    public async Task Failed_password_changes_record_nothing()
    {
        var user = await app.RegisterAsync();
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        await (
            await user.Client.PostJsonAsync(
                $"{Me}/password",
                new { currentPassword = "not-the-password", newPassword = "a-brand-new-password-2" }
            )
        ).ShouldHaveFieldErrorAsync("currentPassword");
        await (
            await user.Client.PostJsonAsync(
                $"{Me}/password",
                new { currentPassword = user.Password, newPassword = "short" }
            )
        ).ShouldHaveFieldErrorAsync("newPassword");
        await (
            await user.Client.SendRawAsync(HttpMethod.Post, $"{Me}/password", """{"currentPassword": """)
        ).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        await events.ShouldHaveNoneAsync("the password did not change");
    }

    [Fact]
    public async Task Deleting_my_account_records_user_deleted_with_only_the_id()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();
        await user.Client.CreateTaskAsync(new { title = "t", projectId = project.Id() });
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        (await user.Client.DeleteAsync(Me)).EnsureStatus(HttpStatusCode.NoContent);

        (await events.NewAsync()).Should().ContainSingle().Which.ShouldBeDeletion("user.deleted", user.Id, user.Id);
    }

    [Fact]
    public async Task Deleting_my_account_twice_at_once_records_one_user_deleted()
    {
        var user = await app.RegisterAsync();
        var events = await RecordedEvents.WatchAsync(app, user.Id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => user.Client.DeleteAsync(Me)));

        answers.Select(a => a.StatusCode).Should().ContainSingle(s => s == HttpStatusCode.NoContent);
        answers
            .Select(a => a.StatusCode)
            .Should()
            .OnlyContain(s =>
                s == HttpStatusCode.NoContent || s == HttpStatusCode.NotFound || s == HttpStatusCode.Unauthorized
            );
        (await events.NewAsync()).Should().ContainSingle().Which.ShouldBeDeletion("user.deleted", user.Id, user.Id);
    }

    [Fact]
    public async Task An_administrator_deleting_an_account_records_user_deleted_for_that_account_only()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();
        var events = await RecordedEvents.WatchAsync(app, user.Id);
        var adminEvents = await RecordedEvents.WatchAsync(app, admin.Id);

        (await admin.Client.DeleteAsync($"{Users}/{user.Id}")).EnsureStatus(HttpStatusCode.NoContent);

        (await events.NewAsync()).Should().ContainSingle().Which.ShouldBeDeletion("user.deleted", user.Id, user.Id);
        await adminEvents.ShouldHaveNoneAsync("the administrator's own data did not change");
    }

    [Fact]
    public async Task An_administrators_edits_and_failed_deletes_record_nothing()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();
        var url = $"{Users}/{user.Id}";
        var events = await RecordedEvents.WatchAsync(app, user.Id);
        var adminEvents = await RecordedEvents.WatchAsync(app, admin.Id);
        var before = await AllEventIdsAsync();

        (
            await admin.Client.PutJsonAsync(
                url,
                new
                {
                    email = TestUsers.NewEmail("renamed"),
                    firstName = "Put",
                    lastName = "User",
                    role = "user",
                }
            )
        ).EnsureStatus(HttpStatusCode.OK);
        (await admin.Client.PatchAsync(url, new { firstName = "Patched" })).EnsureStatus(HttpStatusCode.OK);
        await (await admin.Client.SendJsonAsync(HttpMethod.Delete, url, null, "\"99\"")).ShouldBeProblemAsync(
            HttpStatusCode.PreconditionFailed
        );
        await (await admin.Client.DeleteAsync($"{Users}/{Guid.CreateVersion7()}")).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );

        await events.ShouldHaveNoneAsync("administrators' edits record no event, and the delete failed");
        await adminEvents.ShouldHaveNoneAsync("the administrator's own data did not change");
        (await AllEventIdsAsync()).Should().BeEquivalentTo(before);
    }

    private async Task<HashSet<Guid>> AllEventIdsAsync() =>
        (await app.AllOutboxEventsAsync()).Select(e => e.Id).ToHashSet();

    private static object NewAccount(string email, string password = "correct-horse-1") =>
        new
        {
            email,
            password,
            firstName = "Test",
            lastName = "User",
        };
}

public sealed class SqliteAccountEventTests(SqliteApp app) : AccountEventTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresAccountEventTests(PostgresApp app) : AccountEventTests(app), IClassFixture<PostgresApp>;
