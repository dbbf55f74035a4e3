using System.Globalization;
using System.Text;

namespace Lgsp.Sandbox.Data.Reference;

/// <summary>
/// The "upper case, no diacritics" form the population database compares names in
/// (<c>NGUYEN THI THUY DUONG</c> for <c>Nguyễn Thị Thùy Dương</c>).
/// </summary>
/// <remarks>
/// An explicit table of the 134 Vietnamese letters with diacritics rather than Unicode decomposition
/// alone: <c>đ</c>/<c>Đ</c> have no decomposition (a plain NFD strip leaves them in place), and a table
/// does not depend on the ICU version of the machine. Input in decomposed form (NFD, as macOS
/// produces) is composed first; any combining mark left after that is dropped.
/// Kept inside the sandbox on purpose: the hub's adapters need their own, and an independent
/// implementation here is what catches a bug in theirs.
/// </remarks>
internal static class VietnameseText
{
    private static readonly (string Letters, char Plain)[] Groups =
    [
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
        ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'),
        ("ÈÉẺẼẸÊỀẾỂỄỆ", 'E'),
        ("ÌÍỈĨỊ", 'I'),
        ("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'),
        ("ÙÚỦŨỤƯỪỨỬỮỰ", 'U'),
        ("ỲÝỶỸỴ", 'Y'),
        ("Đ", 'D'),
    ];

    private static readonly Dictionary<char, char> Map = BuildMap();

    /// <summary>Number of letters the table knows (67 lower-case, 67 upper-case).</summary>
    internal static int KnownLetters => Map.Count;

    public static string RemoveDiacritics(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            if (Map.TryGetValue(c, out var plain))
            {
                builder.Append(plain);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Upper case without diacritics, single spaces: the population database's comparison form.</summary>
    public static string ToComparisonForm(string text)
    {
        var plain = RemoveDiacritics(text).ToUpperInvariant();
        return string.Join(' ', plain.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Upper case keeping the diacritics (business names are registered this way).</summary>
    public static string ToUpper(string text) => text.ToUpperInvariant();

    public static bool HasDiacritics(string text) => RemoveDiacritics(text) != text;

    private static Dictionary<char, char> BuildMap()
    {
        var map = new Dictionary<char, char>();
        foreach (var (letters, plain) in Groups)
        {
            foreach (var c in letters)
            {
                map.Add(c, plain);
            }
        }

        return map;
    }
}
