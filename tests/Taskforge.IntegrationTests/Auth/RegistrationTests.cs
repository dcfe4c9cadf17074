using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Auth;

public abstract class RegistrationTests(TaskforgeApp app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Register_creates_the_user_and_returns_201_with_location_and_etag()
    {
        var email = TestUsers.NewEmail();
        var response = await _client.PostJsonAsync(
            "/api/v1/auth/register",
            new
            {
                email,
                password = "long-enough-1",
                firstName = "Ada",
                lastName = "Lovelace",
            }
        );

        response.EnsureStatus(HttpStatusCode.Created);
        var user = await response.JsonAsync();
        var id = user.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/users/{id}");
        response.Headers.ETag.Should().NotBeNull();
        response.Headers.ETag!.IsWeak.Should().BeFalse();
        user.GetProperty("email").GetString().Should().Be(email);
        user.GetProperty("role").GetString().Should().Be("user");
        user.TryGetProperty("passwordHash", out _).Should().BeFalse();
        user.TryGetProperty("password", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Register_with_a_taken_email_in_another_case_is_409()
    {
        var email = TestUsers.NewEmail();
        (
            await _client.PostJsonAsync(
                "/api/v1/auth/register",
                new
                {
                    email,
                    password = "long-enough-1",
                    firstName = "A",
                    lastName = "B",
                }
            )
        ).EnsureStatus(HttpStatusCode.Created);

        var again = await _client.PostJsonAsync(
            "/api/v1/auth/register",
            new
            {
                email = email.ToUpperInvariant(),
                password = "long-enough-1",
                firstName = "A",
                lastName = "B",
            }
        );

        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("")]
    public async Task Register_rejects_a_password_outside_8_to_128_characters(string password)
    {
        var response = await _client.PostJsonAsync(
            "/api/v1/auth/register",
            new
            {
                email = TestUsers.NewEmail(),
                password,
                firstName = "A",
                lastName = "B",
            }
        );

        await response.ShouldHaveFieldErrorAsync("password");
    }

    [Fact]
    public async Task Register_ignores_fields_a_client_may_not_set()
    {
        var response = await _client.PostJsonAsync(
            "/api/v1/auth/register",
            new
            {
                email = TestUsers.NewEmail(),
                password = "long-enough-1",
                firstName = "A",
                lastName = "B",
                role = "admin",
                id = "0190f0a0-0000-7000-8000-000000000000",
                createdAt = "2000-01-01T00:00:00Z",
            }
        );

        response.EnsureStatus(HttpStatusCode.Created);
        var user = await response.JsonAsync();
        user.GetProperty("role").GetString().Should().Be("user");
        user.GetProperty("id").GetString().Should().NotBe("0190f0a0-0000-7000-8000-000000000000");
        user.GetProperty("createdAt").GetString().Should().NotStartWith("2000");
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_email_create_exactly_one_account()
    {
        var email = TestUsers.NewEmail();

        var answers = await Task.WhenAll(
            Enumerable
                .Range(0, 6)
                .Select(i =>
                    app.CreateClient()
                        .PostJsonAsync(
                            "/api/v1/auth/register",
                            new
                            {
                                email = i % 2 == 0 ? email : email.ToUpperInvariant(),
                                password = "long-enough-1",
                                firstName = "A",
                                lastName = "B",
                            }
                        )
                )
        );

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(1);
        foreach (var conflict in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            await conflict.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(128)]
    public async Task Register_accepts_passwords_at_both_length_limits(int length)
    {
        var response = await _client.PostJsonAsync(
            "/api/v1/auth/register",
            new
            {
                email = TestUsers.NewEmail(),
                password = new string('p', length),
                firstName = "A",
                lastName = "B",
            }
        );

        response.EnsureStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Register_rejects_a_password_over_128_characters()
    {
        var response = await _client.PostJsonAsync(
            "/api/v1/auth/register",
            new
            {
                email = TestUsers.NewEmail(),
                password = new string('p', 129),
                firstName = "A",
                lastName = "B",
            }
        );

        await response.ShouldHaveFieldErrorAsync("password");
    }

    [Fact]
    public async Task Register_names_every_invalid_field_at_once()
    {
        var response = await _client.PostJsonAsync(
            "/api/v1/auth/register",
            new
            {
                email = "not-an-email",
                password = "short",
                firstName = " ",
                lastName = new string('x', 101),
            }
        );

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "email", "password", "firstName", "lastName" })
        {
            errors.TryGetProperty(field, out _).Should().BeTrue($"'{field}' is invalid: {problem}");
        }
    }

    [Fact]
    public async Task Register_with_no_fields_names_each_required_one()
    {
        var response = await _client.PostJsonAsync("/api/v1/auth/register", new { });

        var errors = (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().Contain(["email", "password", "firstName", "lastName"]);
    }

    [Fact]
    public async Task Register_creates_the_default_Inbox_project_with_the_user()
    {
        var user = await app.RegisterAsync();

        var inboxes = await app.CountAsync(
            "SELECT count(*) FROM projects WHERE owner_id = @id AND name = 'Inbox' AND is_default AND deleted_at IS NULL",
            user.Id
        );

        inboxes.Should().Be(1);
    }

    [Fact]
    public async Task Register_answers_the_same_user_and_etag_that_its_location_serves()
    {
        var email = TestUsers.NewEmail();
        var registered = await _client.PostJsonAsync(
            "/api/v1/auth/register",
            new
            {
                email,
                password = "long-enough-1",
                firstName = " Ada ",
                lastName = "Lovelace",
            }
        );
        registered.EnsureStatus(HttpStatusCode.Created);
        var created = await registered.JsonAsync();
        var admin = await app.AdminAsync();

        var fetched = await admin.Client.GetAsync(registered.Headers.Location);

        fetched.EnsureStatus(HttpStatusCode.OK);
        fetched.ETagOf().Should().Be(registered.ETagOf());
        var user = await fetched.JsonAsync();
        user.GetProperty("id").GetGuid().Should().Be(created.GetProperty("id").GetGuid());
        user.GetProperty("firstName").GetString().Should().Be("Ada", "names are trimmed");
        user.GetProperty("createdAt").GetString().Should().EndWith("Z", "times are UTC");
        Guid.Parse(created.GetProperty("id").GetString()!).Version.Should().Be(7, "ids are time-ordered UUIDs");
    }
}

public sealed class SqliteRegistrationTests(SqliteApp app) : RegistrationTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresRegistrationTests(PostgresApp app) : RegistrationTests(app), IClassFixture<PostgresApp>;
