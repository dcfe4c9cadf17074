using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Taskforge.Infrastructure.Caching;
using Taskforge.Infrastructure.Redis;

namespace Taskforge.UnitTests.Infrastructure.Caching;

/// <summary>
/// Rendered pages are bounded by their bytes (<c>Cache:MaxPageMegabytes</c>), values by their
/// count (<c>Cache:MaxEntries</c>), each apart from the other.
/// </summary>
public sealed class ScopedCacheBudgetTests
{
    private static readonly JsonTypeInfo<byte[]> Bytes =
        (JsonTypeInfo<byte[]>)JsonSerializerOptions.Default.GetTypeInfo(typeof(byte[]));

    private static readonly JsonTypeInfo<string> Text =
        (JsonTypeInfo<string>)JsonSerializerOptions.Default.GetTypeInfo(typeof(string));

    [Fact]
    public async Task A_page_that_would_take_the_pages_over_their_budget_is_not_kept()
    {
        using var cache = Cache(new CacheSettings { MaxPageMegabytes = 1 });
        var renders = 0;
        Task<byte[]?> Render(int size)
        {
            renders++;
            return Task.FromResult<byte[]?>(new byte[size]);
        }

        await cache.GetOrLoadAsync("tasks:a", "small", Bytes, () => Render(100_000));
        await cache.GetOrLoadAsync("tasks:a", "small", Bytes, () => Render(100_000));
        renders.Should().Be(1, "a page within the budget is kept");

        await cache.GetOrLoadAsync("tasks:a", "large", Bytes, () => Render(1_000_000));
        await cache.GetOrLoadAsync("tasks:a", "large", Bytes, () => Render(1_000_000));
        renders.Should().Be(3, "a page that does not fit beside the first is rendered again");
    }

    [Fact]
    public async Task Values_are_kept_when_no_page_is()
    {
        using var cache = Cache(new CacheSettings { MaxPageMegabytes = 0 });
        var pages = 0;
        var values = 0;

        for (var i = 0; i < 2; i++)
        {
            await cache.GetOrLoadAsync("tasks:a", "page", Bytes, () => Task.FromResult<byte[]?>([(byte)++pages]));
            await cache.GetOrLoadAsync("tasks:a", "task", Text, () => Task.FromResult<string?>($"task {++values}"));
        }

        pages.Should().Be(2);
        values.Should().Be(1);
    }

    [Fact]
    public async Task Pages_do_not_count_against_the_values_entries()
    {
        using var cache = Cache(new CacheSettings { MaxEntries = 1 });
        var values = 0;

        await cache.GetOrLoadAsync("tasks:a", "task", Text, () => Task.FromResult<string?>($"task {++values}"));
        await cache.GetOrLoadAsync("tasks:a", "page", Bytes, () => Task.FromResult<byte[]?>([1, 2, 3]));
        var again = await cache.GetOrLoadAsync(
            "tasks:a",
            "task",
            Text,
            () => Task.FromResult<string?>($"task {++values}")
        );

        again.Should().Be("task 1");
    }

    private static ScopedCache Cache(CacheSettings settings) =>
        new(new RedisConnection(new ConfigurationBuilder().Build()), settings, NullLogger<ScopedCache>.Instance);
}
