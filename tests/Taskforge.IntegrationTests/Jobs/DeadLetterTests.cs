using System.Net;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;
using Taskforge.IntegrationTests.Tasks;

namespace Taskforge.IntegrationTests.Jobs;

/// <summary>A delivery that gives up becomes a dead letter that administrators list, page through and retry.</summary>
public abstract class DeadLetterTests(Func<TaskforgeApp> newApp)
{
    [Fact]
    public async Task A_welcome_mail_that_gives_up_is_listed_paged_and_delivered_by_a_retry()
    {
        // A relay that answers and refuses every mail: the attempts count, and the mail gives up.
        // (An unreachable relay would not do: that is an outage, which never makes a dead letter.)
        await using var refusing = await SmtpSink.StartAsync(refuseFirst: 1_000_000);
        var port = refusing.Port;
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers().WithSmtp(port).With("Workers:MaxAttempts", "2");
        var admin = await app.AdminAsync();
        var startedAt = DateTimeOffset.UtcNow;
        var first = await app.RegisterAsync();
        var second = await app.RegisterAsync();
        await WaitForDeadLetterAsync(app, first);
        await WaitForDeadLetterAsync(app, second);
        var firstEvent = await app.EventIdAsync(first.Id, "user.registered");
        var secondEvent = await app.EventIdAsync(second.Id, "user.registered");

        var all = await admin.Client.ListAllAsync(JobsApi.DeadLetters, limit: 100);
        var letter = all.Single(l => l.GetProperty("eventId").GetGuid() == firstEvent);
        letter.GetProperty("kind").GetString().Should().Be("mail");
        letter.GetProperty("attempts").GetInt32().Should().Be(2);
        var lastError = letter.GetProperty("lastError").GetString();
        lastError.Should().NotBeNullOrWhiteSpace();
        lastError.Should().NotContainAny("   at ", "\n");
        letter
            .GetProperty("failedAt")
            .GetDateTimeOffset()
            .Should()
            .BeAfter(startedAt.AddSeconds(-1))
            .And.BeOnOrBefore(DateTimeOffset.UtcNow.AddSeconds(1));
        letter
            .EnumerateObject()
            .Select(p => p.Name)
            .Should()
            .BeEquivalentTo("id", "kind", "eventId", "attempts", "lastError", "failedAt");

        // One per page, newest first, each exactly once.
        var firstPage = await admin.Client.GetJsonAsync($"{JobsApi.DeadLetters}?limit=1");
        firstPage.GetProperty("items").GetArrayLength().Should().Be(1);
        firstPage.GetProperty("nextCursor").GetString().Should().NotBeNullOrEmpty();
        var paged = await admin.Client.ListAllAsync(JobsApi.DeadLetters, limit: 1);
        paged.Select(Id).Should().Equal(all.Select(Id));
        paged.Select(Id).Should().OnlyHaveUniqueItems();
        paged.Select(l => l.GetProperty("eventId").GetGuid()).Should().Contain(new[] { firstEvent, secondEvent });
        paged.Select(l => l.GetProperty("failedAt").GetDateTimeOffset()).Should().BeInDescendingOrder();

        var secondLetter = all.Single(l => l.GetProperty("eventId").GetGuid() == secondEvent);
        await (
            await second.Client.PostAsync($"{JobsApi.DeadLetters}/{Id(secondLetter)}/retry", null)
        ).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        await refusing.DisposeAsync();
        await using var sink = await SmtpSink.StartAsync(port: port);
        (await admin.Client.PostAsync($"{JobsApi.DeadLetters}/{Id(letter)}/retry", null)).EnsureStatus(
            HttpStatusCode.Accepted
        );

        await sink.WaitForMailAsync(first.Email, "Welcome");
        await Deadline.WaitUntilAsync(
            async () => await app.DeliveredCountAsync(first.Id, "mail") == 1,
            JobsApi.Patience,
            "the retried delivery to be recorded"
        );
        var left = await admin.Client.ListAllAsync(JobsApi.DeadLetters, limit: 100);
        left.Select(l => l.GetProperty("eventId").GetGuid()).Should().NotContain(firstEvent).And.Contain(secondEvent);
        sink.MailsTo(second.Email).Should().BeEmpty("only the letter an administrator retried goes out again");
        await (await admin.Client.PostAsync($"{JobsApi.DeadLetters}/{Id(letter)}/retry", null)).ShouldBeProblemAsync(
            HttpStatusCode.NotFound
        );
    }

    [Fact]
    public async Task Only_administrators_list_and_retry_dead_letters_and_an_unknown_one_is_404()
    {
        await using var instances = new Instances(newApp);
        var app = (await instances.StartAsync()).WithFastWorkers();
        var user = await app.RegisterAsync();
        var admin = await app.AdminAsync();
        var anonymous = app.CreateClient();
        var retryUnknown = $"{JobsApi.DeadLetters}/{Guid.NewGuid()}/retry";

        await (await admin.Client.PostAsync(retryUnknown, null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await user.Client.GetAsync(JobsApi.DeadLetters)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await user.Client.PostAsync(retryUnknown, null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync(JobsApi.DeadLetters)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsync(retryUnknown, null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await admin.Client.GetJsonAsync(JobsApi.DeadLetters)).GetProperty("items").GetArrayLength().Should().Be(0);
    }

    private static Guid Id(JsonElement letter) => letter.GetProperty("id").GetGuid();

    private static Task WaitForDeadLetterAsync(TaskforgeApp app, TestUser user) =>
        Deadline.WaitUntilAsync(
            async () =>
                await app.CountAsync(
                    "SELECT COUNT(*) FROM event_deliveries d JOIN outbox_events e ON e.id = d.event_id "
                        + "WHERE e.user_id = @id AND d.consumer = 'mail' AND d.status = 2",
                    user.Id
                ) == 1,
            JobsApi.Patience,
            "the welcome mail to become a dead letter"
        );
}

public sealed class SqliteDeadLetterTests() : DeadLetterTests(() => new SqliteApp());

public sealed class PostgresDeadLetterTests() : DeadLetterTests(() => new PostgresApp());
