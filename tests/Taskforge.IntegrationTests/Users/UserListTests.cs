using System.Net;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Users;

public abstract class UserListTests(TaskforgeApp app)
{
    [Fact]
    public async Task The_list_answers_items_and_a_next_cursor()
    {
        var admin = await app.AdminAsync();
        await app.RegisterAsync();

        var response = await admin.Client.GetAsync("/api/v1/users?limit=1");

        response.EnsureStatus(HttpStatusCode.OK);
        var page = await response.JsonAsync();
        page.GetProperty("items").GetArrayLength().Should().Be(1);
        page.GetProperty("nextCursor").GetString().Should().NotBeNullOrEmpty();
        page.GetProperty("items")[0].TryGetProperty("passwordHash", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Paging_through_a_search_visits_every_match_once_even_as_users_are_added()
    {
        var admin = await app.AdminAsync();
        var marker = "pager" + Guid.NewGuid().ToString("N")[..8];
        var expected = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            expected.Add((await app.RegisterAsync(TestUsers.NewEmail(marker))).Id);
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url =
                $"/api/v1/users?q={marker}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var response = await admin.Client.GetAsync(url);
            response.EnsureStatus(HttpStatusCode.OK);
            var page = await response.JsonAsync();
            var items = page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetGuid()).ToList();
            items.Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(items);
            cursor = page.GetProperty("nextCursor").GetString();
            if (pages++ == 0)
            {
                expected.Add((await app.RegisterAsync(TestUsers.NewEmail(marker))).Id);
            }
        } while (cursor is not null && pages < 10);

        seen.Should().OnlyHaveUniqueItems();
        seen.Should().BeEquivalentTo(expected, options => options.WithStrictOrdering());
    }

    [Fact]
    public async Task Without_a_limit_a_page_holds_50_and_a_limit_of_200_holds_up_to_200()
    {
        var admin = await app.AdminAsync();
        var marker = "bulk" + Guid.NewGuid().ToString("N")[..8];
        await app.InsertUsersAsync(marker, 210);

        var first = await (await admin.Client.GetAsync($"/api/v1/users?q={marker}")).JsonAsync();
        var large = await (await admin.Client.GetAsync($"/api/v1/users?q={marker}&limit=200")).JsonAsync();

        first.GetProperty("items").GetArrayLength().Should().Be(50);
        first.GetProperty("nextCursor").GetString().Should().NotBeNullOrEmpty();
        large.GetProperty("items").GetArrayLength().Should().Be(200);
        var rest = await (
            await admin.Client.GetAsync(
                $"/api/v1/users?q={marker}&limit=200&cursor={Uri.EscapeDataString(large.GetProperty("nextCursor").GetString()!)}"
            )
        ).JsonAsync();
        rest.GetProperty("items").GetArrayLength().Should().Be(10);
        rest.GetProperty("nextCursor").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task The_last_page_has_a_null_next_cursor()
    {
        var admin = await app.AdminAsync();
        var user = await app.RegisterAsync();

        var page = await (await admin.Client.GetAsync($"/api/v1/users?q={user.Email}&limit=1")).JsonAsync();

        page.GetProperty("items").GetArrayLength().Should().Be(1);
        page.GetProperty("nextCursor").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Search_matches_email_or_name_without_regard_to_case()
    {
        var admin = await app.AdminAsync();
        var marker = "Zq" + Guid.NewGuid().ToString("N")[..10];
        var byName = await RegisterNamed(TestUsers.NewEmail(), "Ada", marker);
        var byEmail = await RegisterNamed(TestUsers.NewEmail(marker.ToLowerInvariant()), "Bob", "Jones");

        var ids = await SearchIds(admin, marker.ToUpperInvariant());

        ids.Should().BeEquivalentTo([byName, byEmail]);
        (await SearchIds(admin, "ada " + marker)).Should().BeEquivalentTo([byName]);
    }

    [Fact]
    public async Task Search_ignores_case_beyond_ascii_too()
    {
        var admin = await app.AdminAsync();
        var marker = "Brontë" + Guid.NewGuid().ToString("N")[..8];
        var user = await RegisterNamed(TestUsers.NewEmail(), "Zoë", marker);

        (await SearchIds(admin, "ZOË " + marker.ToUpperInvariant())).Should().BeEquivalentTo([user]);
        (await SearchIds(admin, "zoë " + marker.ToLowerInvariant())).Should().BeEquivalentTo([user]);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    public async Task Search_treats_like_wildcards_as_plain_characters(string q)
    {
        var admin = await app.AdminAsync();
        await app.RegisterAsync();

        var ids = await SearchIds(admin, q);

        ids.Should().BeEmpty();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("500")]
    [InlineData("abc")]
    [InlineData("-1")]
    public async Task An_out_of_range_limit_is_a_validation_problem(string limit)
    {
        var admin = await app.AdminAsync();

        var response = await admin.Client.GetAsync($"/api/v1/users?limit={limit}");

        await response.ShouldHaveFieldErrorAsync("limit");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public async Task Limits_from_1_to_200_are_accepted(int limit)
    {
        var admin = await app.AdminAsync();

        (await admin.Client.GetAsync($"/api/v1/users?limit={limit}")).EnsureStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_tampered_cursor_is_a_validation_problem()
    {
        var admin = await app.AdminAsync();
        await app.RegisterAsync();
        var cursor = (await (await admin.Client.GetAsync("/api/v1/users?limit=1")).JsonAsync())
            .GetProperty("nextCursor")
            .GetString()!;
        var forged = System.Buffers.Text.Base64Url.EncodeToString(
            System.Text.Encoding.UTF8.GetBytes($$"""{"id":"{{Guid.Empty}}"}""")
        );
        var middle = cursor.Length / 2;
        var edited = cursor[..middle] + (cursor[middle] == 'A' ? 'B' : 'A') + cursor[(middle + 1)..];

        foreach (var bad in new[] { forged, edited, cursor[..^2], "not-a-cursor", "a.b" })
        {
            var response = await admin.Client.GetAsync($"/api/v1/users?cursor={Uri.EscapeDataString(bad)}");
            await response.ShouldHaveFieldErrorAsync("cursor");
        }
    }

    private async Task<Guid> RegisterNamed(string email, string firstName, string lastName)
    {
        var response = await app.CreateClient()
            .PostJsonAsync(
                "/api/v1/auth/register",
                new
                {
                    email,
                    password = "long-enough-1",
                    firstName,
                    lastName,
                }
            );
        response.EnsureStatus(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private static async Task<List<Guid>> SearchIds(TestUser admin, string q)
    {
        var response = await admin.Client.GetAsync($"/api/v1/users?limit=200&q={Uri.EscapeDataString(q)}");
        response.EnsureStatus(HttpStatusCode.OK);
        return (await response.JsonAsync())
            .GetProperty("items")
            .EnumerateArray()
            .Select(u => u.GetProperty("id").GetGuid())
            .ToList();
    }
}

public sealed class SqliteUserListTests(SqliteApp app) : UserListTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresUserListTests(PostgresApp app) : UserListTests(app), IClassFixture<PostgresApp>;
