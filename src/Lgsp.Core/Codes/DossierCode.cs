using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Codes;

/// <summary>Which of the dossier-code shapes seen in real systems a code has.</summary>
public enum DossierCodeKind
{
    /// <summary>Thông tư 01/2018/TT-VPCP Điều 19: <c>&lt;agency&gt;-yyMMdd-NNNN</c>, a 4-digit daily sequence.</summary>
    Provincial,

    /// <summary>Ministry portals: <c>&lt;agency&gt;-yyyyMMdd-&lt;6–7 digits&gt;</c>, e.g. <c>G09.20-20260609-0092637</c>.</summary>
    Ministry,

    /// <summary>
    /// DVCQG's substitute (<c>MaHoSoKhac</c>): <c>&lt;agency&gt;-yyMMdd-&lt;5 random digits&gt;</c>, made up when the
    /// original code's first segment lacks the province code. Five digits after a 6-digit date mean this form.
    /// </summary>
    Alias,
}

/// <summary>
/// Mã hồ sơ: <c>&lt;agency code&gt;-&lt;receipt date&gt;-&lt;sequence&gt;</c> (Thông tư 01/2018/TT-VPCP Điều 19), e.g.
/// <c>H56.14-250812-0035</c>, <c>000.00.14.H56-250812-0035</c>, <c>G09.20-20260609-0092637</c>.
/// </summary>
/// <remarks>
/// A dossier code is an identifier someone else issued and DVCQG looks it up verbatim, so <see cref="Value"/> is the
/// text as given (trimmed, letters upper-cased): the agency segment keeps the form it was written in, while
/// <see cref="Agency"/> is that segment parsed and normalised. Six-digit dates are 20yy. When the agency segment is
/// wrong, the error is the agency's own (<c>agency_code.*</c>): it says precisely what is wrong with it.
/// </remarks>
public readonly record struct DossierCode : IParsable<DossierCode>
{
    /// <summary>The largest daily sequence of the Điều 19 form (4 digits).</summary>
    public const int MaxSequence = 9999;

    private readonly string? _value;

    private DossierCode(string value, DossierCodeKind kind, AgencyCode agency, DateOnly date, int sequence)
    {
        _value = value;
        Kind = kind;
        Agency = agency;
        Date = date;
        Sequence = sequence;
    }

    public string Value => _value ?? string.Empty;

    public DossierCodeKind Kind { get; }

    /// <summary>The receiving agency, normalised (its <see cref="AgencyCode.Value"/> is canonical).</summary>
    public AgencyCode Agency { get; }

    /// <summary>The receipt date written in the code.</summary>
    public DateOnly Date { get; }

    /// <summary>The daily sequence; for an <see cref="DossierCodeKind.Alias"/>, the random 5-digit discriminator.</summary>
    public int Sequence { get; }

    public override string ToString() => Value;

    /// <summary>
    /// The Điều 19 code the hub issues: <c>&lt;agency ShortForm&gt;-yyMMdd-NNNN</c>. The short top-down form puts the
    /// province code first, which is what DVCQG checks for.
    /// </summary>
    public static DossierCode Create(AgencyCode agency, DateOnly date, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxSequence);
        return Compose(agency, date, sequence, DossierCodeKind.Provincial);
    }

    /// <summary>A <c>MaHoSoKhac</c> alias: <c>&lt;agency ShortForm&gt;-yyMMdd-&lt;5 digits&gt;</c>; the caller draws the discriminator.</summary>
    public static DossierCode CreateAlias(AgencyCode agency, DateOnly date, int discriminator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(discriminator);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(discriminator, 99999);
        return Compose(agency, date, discriminator, DossierCodeKind.Alias);
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out DossierCode value) => TryParse(text, out value, out _);

    public static bool TryParse([NotNullWhen(true)] string? text, out DossierCode value, [NotNullWhen(false)] out FieldError? error)
    {
        value = default;
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
        {
            error = CodeErrors.Dossier.Empty;
            return false;
        }

        var last = s.LastIndexOf('-');
        var middle = last < 0 ? -1 : s[..last].LastIndexOf('-');
        if (middle < 0 || s[..middle].Contains('-'))
        {
            error = CodeErrors.Dossier.SegmentCount;
            return false;
        }

        if (!AgencyCode.TryParse(s[..middle], null, out var agency, out error) ||
            !TryParseDate(s[(middle + 1)..last], out var date, out error))
        {
            return false;
        }

        var sequenceText = s[(last + 1)..];
        var eightDigitDate = last - middle - 1 == 8;
        DossierCodeKind? kind = (eightDigitDate, sequenceText.Length) switch
        {
            (false, 4) => DossierCodeKind.Provincial,
            (false, 5) => DossierCodeKind.Alias,
            (true, 6 or 7) => DossierCodeKind.Ministry,
            _ => null,
        };
        if (kind is null || !CodeText.IsDigits(sequenceText))
        {
            error = CodeErrors.Dossier.SequenceFormat;
            return false;
        }

        var sequence = CodeText.ToInt(sequenceText);
        if (sequence == 0 && kind != DossierCodeKind.Alias)
        {
            error = CodeErrors.Dossier.SequenceRange;
            return false;
        }

        value = new DossierCode(CodeText.Upper(text, s), kind.Value, agency, date, sequence);
        return true;
    }

    /// <exception cref="LgspException"><c>client.invalid_dossier_code</c> with the precise reason.</exception>
    public static DossierCode Parse(string text) =>
        TryParse(text, out var value, out var error)
            ? value
            : throw new LgspException(ErrorCatalogue.InvalidDossierCode, error.Message, [error]);

    static DossierCode IParsable<DossierCode>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<DossierCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out DossierCode result) =>
        TryParse(s, out result);

    private static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date, [NotNullWhen(false)] out FieldError? error)
    {
        date = default;
        if (s.Length is not (6 or 8) || !CodeText.IsDigits(s))
        {
            error = CodeErrors.Dossier.DateFormat;
            return false;
        }

        var yearDigits = s.Length - 4;
        var year = CodeText.ToInt(s[..yearDigits]) + (yearDigits == 2 ? 2000 : 0);
        var month = CodeText.ToInt(s.Slice(yearDigits, 2));
        var day = CodeText.ToInt(s.Slice(yearDigits + 2, 2));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = CodeErrors.Dossier.Date;
            return false;
        }

        date = new DateOnly(year, month, day);
        error = null;
        return true;
    }

    private static DossierCode Compose(AgencyCode agency, DateOnly date, int number, DossierCodeKind kind)
    {
        if (agency.Value.Length == 0)
        {
            throw new ArgumentException("The agency code is empty (default value).", nameof(agency));
        }

        // Two-digit years only say which day within 2000–2099.
        ArgumentOutOfRangeException.ThrowIfLessThan(date.Year, 2000, nameof(date));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(date.Year, 2099, nameof(date));
        var inv = CultureInfo.InvariantCulture;
        var value = kind == DossierCodeKind.Alias
            ? string.Create(inv, $"{agency.ShortForm}-{date:yyMMdd}-{number:D5}")
            : string.Create(inv, $"{agency.ShortForm}-{date:yyMMdd}-{number:D4}");
        return new DossierCode(value, kind, agency, date, number);
    }
}
