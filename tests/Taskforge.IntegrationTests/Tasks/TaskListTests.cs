using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Taskforge.IntegrationTests.Infrastructure;

namespace Taskforge.IntegrationTests.Tasks;

public abstract class TaskListTests(TaskforgeApp app)
{
    [Fact]
    public async Task An_empty_list_has_no_items_and_no_next_cursor()
    {
        var user = await app.RegisterAsync();

        var page = await user.Client.GetJsonAsync(TaskApi.Tasks);

        page.GetProperty("items").GetArrayLength().Should().Be(0);
        page.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_default_order_is_newest_first()
    {
        var user = await app.RegisterAsync();
        foreach (var title in new[] { "first", "second", "third" })
        {
            await user.Client.CreateTaskAsync(title);
        }

        var page = await user.Client.GetJsonAsync(TaskApi.Tasks);

        page.GetProperty("items").EnumerateArray().Titles().Should().Equal("third", "second", "first");
    }

    [Fact]
    public async Task Exactly_one_full_page_has_no_next_cursor_and_the_last_page_ends_the_list()
    {
        var user = await app.RegisterAsync();
        for (var i = 0; i < 3; i++)
        {
            await user.Client.CreateTaskAsync($"t{i}");
        }

        var whole = await user.Client.GetJsonAsync($"{TaskApi.Tasks}?limit=3");
        whole.GetProperty("items").GetArrayLength().Should().Be(3);
        whole.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);

        var first = await user.Client.GetJsonAsync($"{TaskApi.Tasks}?limit=2");
        first.GetProperty("items").GetArrayLength().Should().Be(2);
        var cursor = first.Text("nextCursor");
        var last = await user.Client.GetJsonAsync($"{TaskApi.Tasks}?limit=2&cursor={Uri.EscapeDataString(cursor)}");
        last.GetProperty("items").EnumerateArray().Titles().Should().Equal("t0");
        last.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("createdAt")]
    [InlineData("-createdAt")]
    [InlineData("title")]
    [InlineData("-title")]
    [InlineData("priority")]
    [InlineData("-priority")]
    [InlineData("dueAt")]
    [InlineData("-dueAt")]
    public async Task Every_sort_orders_by_its_field_then_id_and_pages_without_duplicates_or_gaps(string sort)
    {
        var user = await app.RegisterAsync();
        var seeds = new (string Title, string Priority, string? DueAt)[]
        {
            ("delta", "high", "2030-01-03T00:00:00Z"),
            ("alpha", "none", null),
            ("charlie", "low", "2030-01-01T00:00:00Z"),
            ("bravo", "high", null),
            ("echo", "medium", "2030-01-02T00:00:00Z"),
            ("Zulu", "none", "2030-01-01T00:00:00Z"),
            ("foxtrot", "low", null),
        };
        var created = new List<JsonElement>();
        foreach (var (title, priority, dueAt) in seeds)
        {
            created.Add(
                await user.Client.CreateTaskAsync(
                    new
                    {
                        title,
                        priority,
                        dueAt,
                    }
                )
            );
        }

        var expected = Expected(created, sort).Select(t => t.Id()).ToList();
        var onePage = await user.Client.ListAllAsync($"{TaskApi.Tasks}?sort={Uri.EscapeDataString(sort)}", 200);
        var pageByPage = await user.Client.ListAllAsync($"{TaskApi.Tasks}?sort={Uri.EscapeDataString(sort)}", 2);
        var oneByOne = await user.Client.ListAllAsync($"{TaskApi.Tasks}?sort={Uri.EscapeDataString(sort)}", 1);

        onePage.Select(t => t.Id()).Should().Equal(expected);
        pageByPage.Select(t => t.Id()).Should().Equal(expected);
        oneByOne.Select(t => t.Id()).Should().Equal(expected);
    }

    // The contract's order, computed independently: ids compare as their lowercase text, which is
    // how both databases order them; tasks without a due date come last in both directions.
    private static IEnumerable<JsonElement> Expected(List<JsonElement> tasks, string sort)
    {
        var descending = sort.StartsWith('-');
        var field = sort.TrimStart('-');
        var rank = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["none"] = 0,
            ["low"] = 1,
            ["medium"] = 2,
            ["high"] = 3,
        };
        Comparison<JsonElement> byField = field switch
        {
            "createdAt" => (a, b) =>
                a.GetProperty("createdAt").GetDateTime().CompareTo(b.GetProperty("createdAt").GetDateTime()),
            "title" => (a, b) => string.CompareOrdinal(a.Text("title"), b.Text("title")),
            "priority" => (a, b) => rank[a.Text("priority")].CompareTo(rank[b.Text("priority")]),
            _ => (a, b) => a.GetProperty("dueAt").GetDateTime().CompareTo(b.GetProperty("dueAt").GetDateTime()),
        };
        int Compare(JsonElement a, JsonElement b)
        {
            var byValue = byField(a, b);
            var order = byValue != 0 ? byValue : string.CompareOrdinal(a.Id().ToString("D"), b.Id().ToString("D"));
            return descending ? -order : order;
        }

        if (field != "dueAt")
        {
            return tasks.Order(Comparer<JsonElement>.Create(Compare));
        }

        var dated = tasks
            .Where(t => t.GetProperty("dueAt").ValueKind != JsonValueKind.Null)
            .Order(Comparer<JsonElement>.Create(Compare));
        var undated = tasks
            .Where(t => t.GetProperty("dueAt").ValueKind == JsonValueKind.Null)
            .Order(
                Comparer<JsonElement>.Create(
                    (a, b) => (descending ? -1 : 1) * string.CompareOrdinal(a.Id().ToString("D"), b.Id().ToString("D"))
                )
            );
        return dated.Concat(undated);
    }

    [Fact]
    public async Task Title_cursors_carry_the_longest_non_ascii_titles()
    {
        var user = await app.RegisterAsync();
        var titles = new[]
        {
            new string('\u00e9', 200),
            string.Concat(Enumerable.Repeat("\U0001F409", 100)),
            new string('\u05D0', 200),
        };
        foreach (var title in titles)
        {
            await user.Client.CreateTaskAsync(title);
        }

        var listed = await user.Client.ListAllAsync($"{TaskApi.Tasks}?sort=title", 1);

        listed.Titles().Should().BeEquivalentTo(titles);
    }

    [Fact]
    public async Task Rows_added_while_paging_cause_no_duplicates_or_gaps()
    {
        var user = await app.RegisterAsync();
        for (var i = 0; i < 5; i++)
        {
            await user.Client.CreateTaskAsync(
                new { title = $"old{i}", dueAt = i % 2 == 0 ? $"2030-01-0{i + 1}T00:00:00Z" : null }
            );
        }

        foreach (var sort in new[] { "-createdAt", "createdAt", "title", "dueAt", "-dueAt" })
        {
            var seen = new List<string>();
            var page = await user.Client.GetJsonAsync($"{TaskApi.Tasks}?sort={sort}&limit=2");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Titles());
            await user.Client.CreateTaskAsync($"new-{sort}-a");
            await user.Client.CreateTaskAsync($"new-{sort}-b");
            while (page.GetProperty("nextCursor").GetString() is { } cursor)
            {
                page = await user.Client.GetJsonAsync(
                    $"{TaskApi.Tasks}?sort={sort}&limit=2&cursor={Uri.EscapeDataString(cursor)}"
                );
                seen.AddRange(page.GetProperty("items").EnumerateArray().Titles());
            }

            seen.Should().OnlyHaveUniqueItems();
            seen.Should().Contain(Enumerable.Range(0, 5).Select(i => $"old{i}"));
        }
    }

    [Fact]
    public async Task Filters_select_by_project_completion_tag_priority_and_due_window()
    {
        var user = await app.RegisterAsync();
        var project = await user.Client.CreateProjectAsync();
        await user.Client.CreateTaskAsync(
            new
            {
                title = "a",
                projectId = project.Id(),
                tags = new[] { "home", "Urgent" },
                priority = "high",
                dueAt = "2030-01-01T00:00:00Z",
            }
        );
        await user.Client.CreateTaskAsync(
            new
            {
                title = "b",
                completed = true,
                tags = new[] { "home" },
                priority = "low",
                dueAt = "2030-01-02T00:00:00Z",
            }
        );
        await user.Client.CreateTaskAsync(
            new
            {
                title = "c",
                projectId = project.Id(),
                tags = new[] { "work" },
                dueAt = "2030-01-03T00:00:00Z",
            }
        );
        await user.Client.CreateTaskAsync(new { title = "d", priority = "high" });

        async Task<IEnumerable<string>> Titles(string query) =>
            (await user.Client.GetJsonAsync($"{TaskApi.Tasks}?sort=title&{query}"))
                .GetProperty("items")
                .EnumerateArray()
                .Titles();

        (await Titles($"projectId={project.Id()}")).Should().Equal("a", "c");
        (await Titles("completed=true")).Should().Equal("b");
        (await Titles("completed=false")).Should().Equal("a", "c", "d");
        (await Titles("tag=home")).Should().Equal("a", "b");
        (await Titles("tag=urgent")).Should().BeEmpty("tags match case-sensitively");
        (await Titles("tag=%20Urgent%20")).Should().Equal("a");
        (await Titles("priority=high")).Should().Equal("a", "d");
        (await Titles("priority=none")).Should().Equal("c");
        // The due window is half-open: dueAfter is inclusive, dueBefore exclusive.
        (await Titles("dueAfter=2030-01-02T00:00:00Z"))
            .Should()
            .Equal("b", "c");
        (await Titles("dueBefore=2030-01-02T00:00:00Z")).Should().Equal("a");
        (
            await Titles(
                "dueAfter=2030-01-01T00:00:00Z&dueBefore=2030-01-03T00:00:00Z&tag=home&priority=low&completed=true"
            )
        )
            .Should()
            .Equal("b");
        (await Titles($"projectId={Guid.CreateVersion7()}")).Should().BeEmpty();
    }

    [Fact]
    public async Task Filters_and_sort_page_together()
    {
        var user = await app.RegisterAsync();
        for (var i = 0; i < 6; i++)
        {
            await user.Client.CreateTaskAsync(
                new
                {
                    title = $"t{i}",
                    tags = i % 2 == 0 ? new[] { "even" } : ["odd"],
                    dueAt = i == 4 ? null : $"2030-01-0{i + 1}T00:00:00Z",
                }
            );
        }

        var even = await user.Client.ListAllAsync($"{TaskApi.Tasks}?tag=even&sort=-dueAt", 1);

        even.Titles().Should().Equal("t2", "t0", "t4");
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=99999999999999999999", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("cursor=garbage", "cursor")]
    [InlineData("cursor=eyJzb3J0IjoidGl0bGUifQ.AAAAAAAAAAAAAAAAAAAAAA", "cursor")]
    [InlineData("completed=maybe", "completed")]
    [InlineData("completed=1", "completed")]
    [InlineData("priority=urgent", "priority")]
    [InlineData("dueBefore=soon", "dueBefore")]
    [InlineData("dueAfter=2030-13-45", "dueAfter")]
    [InlineData("sort=name", "sort")]
    [InlineData("sort=--title", "sort")]
    [InlineData("sort=Title", "sort")]
    [InlineData("projectId=abc", "projectId")]
    [InlineData("tag=", "tag")]
    public async Task Invalid_list_parameters_are_400_naming_the_parameter(string query, string field)
    {
        var user = await app.RegisterAsync();

        var response = await user.Client.GetAsync($"{TaskApi.Tasks}?{query}");

        await response.ShouldHaveFieldErrorAsync(field);
    }

    [Fact]
    public async Task A_tampered_cursor_is_400()
    {
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync("a");
        await user.Client.CreateTaskAsync("b");
        var cursor = (await user.Client.GetJsonAsync($"{TaskApi.Tasks}?limit=1")).Text("nextCursor");
        var flipped = cursor[20] == 'A' ? 'B' : 'A';
        var tampered = cursor[..20] + flipped + cursor[21..];

        var response = await user.Client.GetAsync($"{TaskApi.Tasks}?limit=1&cursor={Uri.EscapeDataString(tampered)}");

        await response.ShouldHaveFieldErrorAsync("cursor");
    }

    [Fact]
    public async Task Cursors_reveal_neither_titles_nor_dates()
    {
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync(new { title = "Confidential merger", dueAt = "2031-05-17T08:30:00Z" });
        await user.Client.CreateTaskAsync(new { title = "Confidential payroll", dueAt = "2031-05-18T08:30:00Z" });

        foreach (var sort in new[] { "title", "dueAt", "-createdAt" })
        {
            var cursor = (await user.Client.GetJsonAsync($"{TaskApi.Tasks}?limit=1&sort={sort}")).Text("nextCursor");
            var decoded = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(cursor));

            decoded
                .Should()
                .NotContainAny(
                    "Confidential",
                    "merger",
                    "2031",
                    DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture),
                    sort.TrimStart('-')
                );
        }
    }

    [Fact]
    public async Task A_cursor_used_with_another_sort_is_400()
    {
        var user = await app.RegisterAsync();
        await user.Client.CreateTaskAsync("a");
        await user.Client.CreateTaskAsync("b");
        var cursor = Uri.EscapeDataString(
            (await user.Client.GetJsonAsync($"{TaskApi.Tasks}?limit=1&sort=title")).Text("nextCursor")
        );

        await (
            await user.Client.GetAsync($"{TaskApi.Tasks}?limit=1&sort=-title&cursor={cursor}")
        ).ShouldHaveFieldErrorAsync("cursor");
        await (await user.Client.GetAsync($"{TaskApi.Tasks}?limit=1&cursor={cursor}")).ShouldHaveFieldErrorAsync(
            "cursor"
        );
        (await user.Client.GetAsync($"{TaskApi.Tasks}?limit=1&sort=title&cursor={cursor}")).EnsureStatus(
            HttpStatusCode.OK
        );
    }
}

public sealed class SqliteTaskListTests(SqliteApp app) : TaskListTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresTaskListTests(PostgresApp app) : TaskListTests(app), IClassFixture<PostgresApp>;
