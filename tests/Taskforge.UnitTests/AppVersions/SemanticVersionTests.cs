using Taskforge.Domain.AppVersions;

namespace Taskforge.UnitTests.AppVersions;

public sealed class SemanticVersionTests
{
    // The precedence examples of semver.org, section 11.
    private static readonly string[] SpecOrder =
    [
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "2.0.0",
        "2.1.0",
        "2.1.1",
    ];

    [Fact]
    public void The_specs_precedence_examples_sort_in_the_specs_order()
    {
        var versions = SpecOrder.Select(SemanticVersion.Parse).ToList();

        for (var i = 0; i < versions.Count - 1; i++)
        {
            versions[i].Should().BeLessThan(versions[i + 1], $"{SpecOrder[i]} < {SpecOrder[i + 1]}");
            (versions[i + 1] > versions[i]).Should().BeTrue();
        }

        versions.AsEnumerable().Reverse().Order().Select(v => v.Text).Should().Equal(SpecOrder);
    }

    [Theory]
    [InlineData("1.0.0+20130313144700", "1.0.0")]
    [InlineData("1.0.0-beta+exp.sha.5114f85", "1.0.0-beta")]
    [InlineData("1.0.0-alpha+001", "1.0.0-alpha+002")]
    public void Build_metadata_is_ignored(string left, string right)
    {
        SemanticVersion.Parse(left).CompareTo(SemanticVersion.Parse(right)).Should().Be(0);
        SemanticVersion.Parse(left).Should().Be(SemanticVersion.Parse(right));
    }

    [Theory]
    [InlineData("1.9.0", "1.10.0")]
    [InlineData("1.10.0", "1.11.0")]
    [InlineData("1.0.0-2", "1.0.0-10")]
    [InlineData("1.0.0-999", "1.0.0-a")]
    [InlineData("1.0.0-rc.1", "1.0.0-rc.1.1")]
    [InlineData("0.9.9", "1.0.0-alpha")]
    public void Numbers_compare_numerically_and_numeric_identifiers_sort_first(string lower, string higher)
    {
        SemanticVersion.Parse(lower).Should().BeLessThan(SemanticVersion.Parse(higher));
    }

    [Theory]
    [InlineData("01.0.0")]
    [InlineData("1.01.0")]
    [InlineData("1.0.01")]
    [InlineData("1.0")]
    [InlineData("1")]
    [InlineData("1.0.0.0")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0-alpha..1")]
    [InlineData("1.0.0+")]
    [InlineData("1.0.0+a..b")]
    [InlineData("v1.0.0")]
    [InlineData(" 1.0.0")]
    [InlineData("1.0.0-alpha_beta")]
    [InlineData("-1.0.0")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("99999999999999999999.0.0")]
    public void Invalid_forms_are_rejected(string? text)
    {
        SemanticVersion.TryParse(text, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("0.0.4")]
    [InlineData("1.2.3")]
    [InlineData("10.20.30")]
    [InlineData("1.1.2-prerelease+meta")]
    [InlineData("1.0.0-alpha.0valid")]
    [InlineData("1.0.0-0A.is.legal")]
    [InlineData("1.0.0-x-y-z.--")]
    [InlineData("1.0.0+0.build.1-rc.10000aaa-kk-0.1")]
    [InlineData("1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay")]
    public void Valid_forms_from_the_spec_are_accepted(string text)
    {
        SemanticVersion.TryParse(text, out var version).Should().BeTrue();
        version.Text.Should().Be(text);
    }
}
