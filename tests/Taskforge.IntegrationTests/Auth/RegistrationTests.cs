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
        var response = await _client.PostJsonAsync("/api/v1/auth/register", new { email, password = "long-enough-1", firstName = "Ada", lastName = "Lovelace" });

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
        (await _client.PostJsonAsync("/api/v1/auth/register", new { email, password = "long-enough-1", firstName = "A", lastName = "B" }))
            .EnsureStatus(HttpStatusCode.Created);

        var again = await _client.PostJsonAsync("/api/v1/auth/register", new { email = email.ToUpperInvariant(), password = "long-enough-1", firstName = "A", lastName = "B" });

        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("")]
    public async Task Register_rejects_a_password_outside_8_to_128_characters(string password)
    {
        var response = await _client.PostJsonAsync("/api/v1/auth/register", new { email = TestUsers.NewEmail(), password, firstName = "A", lastName = "B" });

        await response.ShouldHaveFieldErrorAsync("password");
    }
}

public sealed class SqliteRegistrationTests(SqliteApp app) : RegistrationTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresRegistrationTests(PostgresApp app) : RegistrationTests(app), IClassFixture<PostgresApp>;
