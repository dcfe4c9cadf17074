using Taskforge.Application.Common;

namespace Taskforge.UnitTests.Application;

public sealed class ValidatorTests
{
    [Fact]
    public void A_new_validator_is_valid()
    {
        new Validator().IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData(null, "is required.")]
    [InlineData("", "must be at least 3 characters.")]
    [InlineData("ab", "must be at least 3 characters.")]
    [InlineData("abcdef", "must be at most 5 characters.")]
    public void Text_outside_its_length_range_is_an_error(string? value, string message)
    {
        Messages(new Validator().Text("f", value, 3, 5), "f").Should().Equal(message);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("abcde")]
    public void Text_inside_its_length_range_is_fine(string value)
    {
        new Validator().Text("f", value, 3, 5).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Optional_text_may_be_null()
    {
        new Validator().Text("f", null, 0, 5).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Required_text_must_not_be_blank(string? value)
    {
        Messages(new Validator().RequiredText("f", value, 10), "f").Should().Equal("is required.");
    }

    [Fact]
    public void Required_text_has_a_maximum()
    {
        Messages(new Validator().RequiredText("f", "abcdef", 5), "f").Should().Equal("must be at most 5 characters.");
    }

    [Theory]
    [InlineData("ada@example.test")]
    [InlineData(" ada@example.test ")]
    [InlineData("a.b+c@sub.example.test")]
    public void Plausible_emails_pass(string email)
    {
        new Validator().Email("email", email).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("@example.test")]
    [InlineData("ada@")]
    [InlineData("ada@example")]
    [InlineData("ada@.test")]
    [InlineData("ada@example.")]
    [InlineData("a@b@example.test")]
    [InlineData("ada lovelace@example.test")]
    public void Implausible_emails_fail(string email)
    {
        Messages(new Validator().Email("email", email), "email").Should().Contain("must be an email address.");
    }

    [Fact]
    public void An_email_over_254_characters_fails()
    {
        var email = new string('a', 250) + "@b.test";

        Messages(new Validator().Email("email", email), "email").Should().Contain("must be at most 254 characters.");
    }

    [Fact]
    public void Text_with_a_nul_character_is_an_error_even_when_optional()
    {
        Messages(new Validator().Text("f", "a\0b", 0, 5), "f").Should().Equal("must not contain NUL characters.");
        Messages(new Validator().Email("email", "a\0@example.test"), "email")
            .Should()
            .Contain("must not contain NUL characters.");
    }

    [Fact]
    public void Every_problem_of_every_field_is_collected_into_one_error()
    {
        var error = new Validator().Add("a", "one").Add("a", "two").Add("b", "three").ToError();

        error.Kind.Should().Be(ErrorKind.Validation);
        error.Fields!["a"].Should().Equal("one", "two");
        error.Fields["b"].Should().Equal("three");
    }

    private static string[] Messages(Validator validator, string field)
    {
        validator.IsValid.Should().BeFalse();
        return validator.ToError().Fields![field];
    }
}
