using Dapper;
using Taskforge.Infrastructure.Persistence;

namespace Taskforge.UnitTests.Infrastructure;

/// <summary>PostgreSQL's queued writes, joined into one command: each statement keeps its own values.</summary>
public sealed class StatementBatchTests
{
    [Fact]
    public void Each_statement_gets_its_own_parameter_names_and_a_list_stands_for_one_statement_per_element()
    {
        var (sql, parameters) = StatementBatch.Combine([
            ("INSERT INTO t (a, b) VALUES (@A, @B);", new { A = 1, B = "x" }),
            ("INSERT INTO u (c) VALUES (@C)", new[] { new Row(2), new Row(3) }),
        ]);

        sql.Should()
            .Be(
                "INSERT INTO t (a, b) VALUES (@s0_A, @s0_B);\n"
                    + "INSERT INTO u (c) VALUES (@s1_C);\n"
                    + "INSERT INTO u (c) VALUES (@s2_C);\n"
            );
        Values(parameters)
            .Should()
            .BeEquivalentTo(
                new Dictionary<string, object?>
                {
                    ["s0_A"] = 1,
                    ["s0_B"] = "x",
                    ["s1_C"] = 2,
                    ["s2_C"] = 3,
                }
            );
    }

    [Fact]
    public void Values_are_read_the_same_after_garbage_collections()
    {
        // The getters are compiled once per type and kept; a collection must not lose or mix them.
        var first = Values(StatementBatch.Combine([("SELECT @C", new Row(7))]).Parameters);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var second = Values(StatementBatch.Combine([("SELECT @C", new Row(8))]).Parameters);

        first.Should().Equal(new Dictionary<string, object?> { ["s0_C"] = 7 });
        second.Should().Equal(new Dictionary<string, object?> { ["s0_C"] = 8 });
    }

    private static Dictionary<string, object?> Values(DynamicParameters parameters) =>
        parameters.ParameterNames.ToDictionary(name => name, name => parameters.Get<object?>(name));

    private sealed record Row(int C);
}
