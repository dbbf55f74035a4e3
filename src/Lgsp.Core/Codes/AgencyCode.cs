using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Codes;

/// <summary>What a level-1 unit is, from the letter M of <c>MX1X2</c>.</summary>
public enum AgencyKind
{
    /// <summary><c>H</c>: Ủy ban nhân dân tỉnh (and the units under it).</summary>
    ProvincialPeoplesCommittee,

    /// <summary><c>K</c>: Hội đồng nhân dân tỉnh.</summary>
    ProvincialPeoplesCouncil,

    /// <summary><c>G</c>: bộ, cơ quan ngang bộ, ngành.</summary>
    Ministry,
}

/// <summary>
/// Mã định danh cơ quan (QCVN 102:2016/BTTTT, QĐ 20/2020/QĐ-TTg): <c>V1V2V3.Z1Z2.Y1Y2.MX1X2</c>, level 1 last,
/// e.g. <c>000.00.14.H56</c>. Production systems also write it top-down with the zero groups dropped
/// (<c>H56.14</c>, <c>H15.50.05.13</c>); both forms parse and <see cref="Value"/> is always the 13-character form.
/// </summary>
/// <remarks>
/// <para>Rules. Level 1 is <c>H</c>, <c>K</c> or <c>G</c> and two digits other than 00. A zero group means "no unit
/// at this level", so a non-zero group under a zero one is rejected (<c>agency_code.hierarchy</c>). In the short
/// form the level-2 and level-3 groups have 2 digits and the level-4 group 2 or 3 (<c>13</c> is <c>013</c>);
/// trailing zero groups are dropped (<c>H56.14.00</c> is <c>H56.14</c>). Letters are upper-cased.</para>
/// <para>Codes with no 13-character form. Gia Lai's real dossier codes start with <c>H21.129</c>: a level-2 group of
/// three digits, which <c>Y1Y2</c> cannot hold. Rejecting it would reject real dossiers, and padding or truncating
/// it would invent a code nobody issued. So a short code whose level-2 or level-3 group has three digits (not
/// starting with 0) parses as a <em>short-only</em> code: <see cref="HasCanonicalForm"/> is false, and
/// <see cref="Value"/> and <see cref="ShortForm"/> are both the short text. Everything else (level, level-1 unit,
/// kind, parent) works the same, and the dossier sequence is keyed by <see cref="Value"/> either way.</para>
/// </remarks>
public readonly record struct AgencyCode : IParsable<AgencyCode>
{
    private readonly string? _value;
    private readonly string? _shortForm;
    private readonly string? _level1;
    private readonly byte _level;
    private readonly bool _hasCanonicalForm;

    private AgencyCode(string value, string shortForm, string level1, int level, bool hasCanonicalForm)
    {
        _value = value;
        _shortForm = shortForm;
        _level1 = level1;
        _level = (byte)level;
        _hasCanonicalForm = hasCanonicalForm;
    }

    /// <summary>The canonical 13-character code (<c>000.00.14.H56</c>), or the short text for a short-only code.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Top-down with trailing zero groups dropped: <c>H56.14</c>, <c>H49</c>, <c>H15.50.05.13</c>.</summary>
    public string ShortForm => _shortForm ?? string.Empty;

    /// <summary>How deep the unit is: 1 for the province or ministry itself, up to 4.</summary>
    public int Level => _level;

    /// <summary>The level-1 unit code <c>MX1X2</c>, e.g. <c>H56</c>.</summary>
    public string Level1 => _level1 ?? string.Empty;

    public AgencyKind Kind => Level1 is [var letter, ..] ? KindOf(letter) : default;

    /// <summary>False for a short-only code such as <c>H21.129</c> (see the remarks on the type).</summary>
    public bool HasCanonicalForm => _hasCanonicalForm;

    /// <summary>The unit one level up, or null for a level-1 unit.</summary>
    public AgencyCode? Parent => Level <= 1 ? null : Parse(ShortForm[..ShortForm.LastIndexOf('.')]);

    public override string ToString() => Value;

    public static bool TryParse([NotNullWhen(true)] string? text, out AgencyCode value) => TryParse(text, out value, out _);

    public static bool TryParse([NotNullWhen(true)] string? text, out AgencyCode value, [NotNullWhen(false)] out FieldError? error) =>
        TryParse(text.AsSpan(), text, out value, out error);

    /// <exception cref="LgspException"><c>client.invalid_agency_code</c> with the precise reason.</exception>
    public static AgencyCode Parse(string text) =>
        TryParse(text, out var value, out var error)
            ? value
            : throw new LgspException(ErrorCatalogue.InvalidAgencyCode, error.Message, [error]);

    static AgencyCode IParsable<AgencyCode>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<AgencyCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out AgencyCode result) =>
        TryParse(s, out result);

    /// <summary>Parses a span (part of a dossier or procedure code); <paramref name="original"/> is reused as the value when it already is canonical.</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, string? original, out AgencyCode value, [NotNullWhen(false)] out FieldError? error)
    {
        value = default;
        var s = text.Trim();
        if (s.IsEmpty)
        {
            error = CodeErrors.Agency.Empty;
            return false;
        }

        Span<Range> groups = stackalloc Range[5];
        var count = s.Split(groups, '.');
        return char.IsAsciiLetter(s[0])
            ? TryParseShort(s, groups[..count], out value, out error)
            : TryParseCanonical(s, original, groups[..count], out value, out error);
    }

    /// <summary>Checks a level-1 group (<c>H56</c>); shared with <see cref="ResultCode"/>.</summary>
    internal static bool TryParseLevel1(ReadOnlySpan<char> group, out char letter, out int number, [NotNullWhen(false)] out FieldError? error)
    {
        letter = group.IsEmpty ? '\0' : char.ToUpperInvariant(group[0]);
        number = 0;
        if (letter is not ('H' or 'K' or 'G'))
        {
            error = CodeErrors.Agency.Level1Kind;
            return false;
        }

        if (group.Length != 3 || !CodeText.IsDigits(group[1..]) || (number = CodeText.ToInt(group[1..])) == 0)
        {
            error = CodeErrors.Agency.Level1Number;
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>A level-1 unit from its parts, already validated.</summary>
    internal static AgencyCode Level1Unit(char letter, int number) => Build(letter, number, [0, 0, 0], 1, shortOnly: false, canonicalText: null);

    private static bool TryParseCanonical(ReadOnlySpan<char> s, string? original, ReadOnlySpan<Range> groups, out AgencyCode value, [NotNullWhen(false)] out FieldError? error)
    {
        value = default;
        if (groups.Length != 4)
        {
            error = CodeErrors.Agency.GroupCount;
            return false;
        }

        ReadOnlySpan<int> widths = [3, 2, 2];
        Span<int> numbers = stackalloc int[3];
        for (var i = 0; i < 3; i++)
        {
            var group = s[groups[i]];
            if (!CodeText.IsDigits(group))
            {
                error = CodeErrors.Agency.Digits;
                return false;
            }

            if (group.Length != widths[i])
            {
                error = CodeErrors.Agency.GroupLength;
                return false;
            }

            // Stored bottom-up in the text (V, Z, Y), kept top-down here (level 2, 3, 4).
            numbers[2 - i] = CodeText.ToInt(group);
        }

        if (!TryParseLevel1(s[groups[3]], out var letter, out var number, out error) ||
            !TryLevelOf(numbers, out var level, out error))
        {
            return false;
        }

        value = Build(letter, number, numbers, level, shortOnly: false, CodeText.Upper(original, s));
        return true;
    }

    private static bool TryParseShort(ReadOnlySpan<char> s, ReadOnlySpan<Range> groups, out AgencyCode value, [NotNullWhen(false)] out FieldError? error)
    {
        value = default;
        if (groups.Length > 4)
        {
            error = CodeErrors.Agency.GroupCount;
            return false;
        }

        if (!TryParseLevel1(s[groups[0]], out var letter, out var number, out error))
        {
            return false;
        }

        Span<int> numbers = stackalloc int[3];
        var shortOnly = false;
        for (var i = 1; i < groups.Length; i++)
        {
            var group = s[groups[i]];
            if (!CodeText.IsDigits(group))
            {
                error = CodeErrors.Agency.Digits;
                return false;
            }

            var isLevel4 = i == 3;
            var fits = group.Length == 2 || (isLevel4 && group.Length == 3);
            var tooWide = !isLevel4 && group.Length == 3 && group[0] != '0';
            if (!fits && !tooWide)
            {
                error = CodeErrors.Agency.GroupLength;
                return false;
            }

            shortOnly |= tooWide;
            numbers[i - 1] = CodeText.ToInt(group);
        }

        if (!TryLevelOf(numbers, out var level, out error))
        {
            return false;
        }

        value = Build(letter, number, numbers, level, shortOnly, canonicalText: null);
        return true;
    }

    /// <summary>The level is that of the deepest non-zero group; every group above it must be non-zero.</summary>
    private static bool TryLevelOf(ReadOnlySpan<int> numbers, out int level, [NotNullWhen(false)] out FieldError? error)
    {
        level = numbers.LastIndexOfAnyExcept(0) + 2;
        if (numbers[..(level - 1)].Contains(0))
        {
            error = CodeErrors.Agency.Hierarchy;
            return false;
        }

        error = null;
        return true;
    }

    private static AgencyCode Build(char letter, int number, ReadOnlySpan<int> numbers, int level, bool shortOnly, string? canonicalText)
    {
        var inv = CultureInfo.InvariantCulture;
        var level1 = string.Create(inv, $"{letter}{number:D2}");
        var shortForm = level switch
        {
            1 => level1,
            2 => string.Create(inv, $"{level1}.{numbers[0]:D2}"),
            3 => string.Create(inv, $"{level1}.{numbers[0]:D2}.{numbers[1]:D2}"),
            _ => string.Create(inv, $"{level1}.{numbers[0]:D2}.{numbers[1]:D2}.{numbers[2]:D2}"),
        };
        if (shortOnly)
        {
            return new AgencyCode(shortForm, shortForm, level1, level, hasCanonicalForm: false);
        }

        var canonical = canonicalText ?? string.Create(inv, $"{numbers[2]:D3}.{numbers[1]:D2}.{numbers[0]:D2}.{level1}");
        return new AgencyCode(canonical, shortForm, level1, level, hasCanonicalForm: true);
    }

    private static AgencyKind KindOf(char letter) => letter switch
    {
        'H' => AgencyKind.ProvincialPeoplesCommittee,
        'K' => AgencyKind.ProvincialPeoplesCouncil,
        _ => AgencyKind.Ministry,
    };
}
