namespace Lgsp.Core.Codes;

/// <summary>Span helpers the code parsers share: ASCII-only on purpose (no full-width or Arabic-Indic digits).</summary>
internal static class CodeText
{
    public static bool IsDigits(ReadOnlySpan<char> s) => !s.ContainsAnyExceptInRange('0', '9');

    /// <summary>The value of an all-ASCII-digit span short enough to fit an <see cref="int"/>.</summary>
    public static int ToInt(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    /// <summary>
    /// The canonical text of a code: the trimmed span in ASCII upper case. Returns <paramref name="original"/>
    /// itself when it is already canonical, so parsing well-formed input allocates nothing for the value.
    /// </summary>
    public static string Upper(string? original, ReadOnlySpan<char> trimmed)
    {
        var lower = trimmed.IndexOfAnyInRange('a', 'z');
        if (lower < 0 && original is not null && original.Length == trimmed.Length)
        {
            return original;
        }

        if (lower < 0)
        {
            return trimmed.ToString();
        }

        return string.Create(trimmed.Length, trimmed, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.ToUpperInvariant(source[i]);
            }
        });
    }
}
