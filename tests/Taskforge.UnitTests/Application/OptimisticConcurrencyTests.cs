using Taskforge.Application.Common;

namespace Taskforge.UnitTests.Application;

public sealed class OptimisticConcurrencyTests
{
    [Fact]
    public async Task Without_a_pinned_version_a_lost_race_is_tried_again_until_it_succeeds()
    {
        var attempts = 0;

        var result = await OptimisticConcurrency.RetryAsync<int>(
            null,
            () => Task.FromResult<Result<int>>(++attempts < 3 ? Error.VersionMismatch : attempts)
        );

        result.Value.Should().Be(3);
    }

    [Fact]
    public async Task With_a_pinned_version_a_lost_race_is_the_answer()
    {
        var attempts = 0;

        var result = await OptimisticConcurrency.RetryAsync<int>(
            7,
            () =>
            {
                attempts++;
                return Task.FromResult<Result<int>>(Error.VersionMismatch);
            }
        );

        result.Error.Should().Be(Error.VersionMismatch);
        attempts.Should().Be(1);
    }

    [Fact]
    public async Task Other_errors_are_not_retried()
    {
        var attempts = 0;

        var result = await OptimisticConcurrency.RetryAsync<int>(
            null,
            () =>
            {
                attempts++;
                return Task.FromResult<Result<int>>(Error.NotFound("user"));
            }
        );

        result.Error!.Kind.Should().Be(ErrorKind.NotFound);
        attempts.Should().Be(1);
    }

    [Fact]
    public async Task Retrying_gives_up_after_a_few_attempts()
    {
        var attempts = 0;

        var result = await OptimisticConcurrency.RetryAsync<int>(
            null,
            () =>
            {
                attempts++;
                return Task.FromResult<Result<int>>(Error.VersionMismatch);
            }
        );

        result.IsSuccess.Should().BeFalse();
        attempts.Should().Be(OptimisticConcurrency.MaxAttempts);
    }
}
