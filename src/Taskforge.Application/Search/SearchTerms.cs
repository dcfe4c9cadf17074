using System.Globalization;
using System.Text;

namespace Taskforge.Application.Search;

/// <summary>
/// Cuts user text into words (runs of letters, digits and combining marks). Everything else,
/// quotes, operators, parentheses, stars, is a separator, so no query syntax ever survives.
/// </summary>
public static class SearchTerms
{
    public const int MaxQueryLength = 200;

    public static IReadOnlyList<string> Of(string text)
    {
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordPart(rune))
            {
                word.Append(rune.ToString());
            }
            else if (word.Length > 0)
            {
                terms.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            terms.Add(word.ToString());
        }

        return terms;
    }

    private static bool IsWordPart(Rune rune) =>
        Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter
            or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber
            or UnicodeCategory.OtherNumber
            or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark => true,
            _ => false,
        };
}
