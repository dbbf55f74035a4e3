using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Codes;

/// <summary>Which document a personal id number comes from.</summary>
public enum PersonalIdKind
{
    /// <summary>12-digit số định danh cá nhân / CCCD (DVCQG <c>LoaiDinhDanh</c> 1).</summary>
    Cccd12,

    /// <summary>9-digit old CMND (DVCQG <c>LoaiDinhDanh</c> 2).</summary>
    Cmnd9,
}

/// <summary>
/// Số định danh cá nhân (12 digits: province of birth registration, gender and century, two-digit birth year,
/// six-digit serial) or the old 9-digit CMND (digits only; nothing else about it is checkable).
/// </summary>
/// <remarks>
/// Parsing never reads the clock, so it gives the same answer on every day: an id encoding a birth year in the
/// future is well-formed. Callers who want that refused say which day it is with
/// <see cref="TryParse(string?, DateOnly, out PersonalId, out FieldError?)"/>. DVCQG's placeholder for an unknown
/// number, <c>000000001</c> with type 2, parses (real packets carry it) and is flagged by <see cref="IsPlaceholder"/>.
/// This is personal data: never log <see cref="Value"/>; error messages never quote it.
/// </remarks>
public readonly record struct PersonalId : IParsable<PersonalId>
{
    /// <summary>The value TD-DVC and others send to DVCQG when the number is unknown.</summary>
    public const string PlaceholderValue = "000000001";

    private static readonly PersonalIdProvince[] ProvinceTable =
    [
        new("001", "Hà Nội"), new("002", "Hà Giang"), new("004", "Cao Bằng"), new("006", "Bắc Kạn"),
        new("008", "Tuyên Quang"), new("010", "Lào Cai"), new("011", "Điện Biên"), new("012", "Lai Châu"),
        new("014", "Sơn La"), new("015", "Yên Bái"), new("017", "Hòa Bình"), new("019", "Thái Nguyên"),
        new("020", "Lạng Sơn"), new("022", "Quảng Ninh"), new("024", "Bắc Giang"), new("025", "Phú Thọ"),
        new("026", "Vĩnh Phúc"), new("027", "Bắc Ninh"), new("030", "Hải Dương"), new("031", "Hải Phòng"),
        new("033", "Hưng Yên"), new("034", "Thái Bình"), new("035", "Hà Nam"), new("036", "Nam Định"),
        new("037", "Ninh Bình"), new("038", "Thanh Hóa"), new("040", "Nghệ An"), new("042", "Hà Tĩnh"),
        new("044", "Quảng Bình"), new("045", "Quảng Trị"), new("046", "Thừa Thiên Huế"), new("048", "Đà Nẵng"),
        new("049", "Quảng Nam"), new("051", "Quảng Ngãi"), new("052", "Bình Định"), new("054", "Phú Yên"),
        new("056", "Khánh Hòa"), new("058", "Ninh Thuận"), new("060", "Bình Thuận"), new("062", "Kon Tum"),
        new("064", "Gia Lai"), new("066", "Đắk Lắk"), new("067", "Đắk Nông"), new("068", "Lâm Đồng"),
        new("070", "Bình Phước"), new("072", "Tây Ninh"), new("074", "Bình Dương"), new("075", "Đồng Nai"),
        new("077", "Bà Rịa - Vũng Tàu"), new("079", "TP Hồ Chí Minh"), new("080", "Long An"), new("082", "Tiền Giang"),
        new("083", "Bến Tre"), new("084", "Trà Vinh"), new("086", "Vĩnh Long"), new("087", "Đồng Tháp"),
        new("089", "An Giang"), new("091", "Kiên Giang"), new("092", "Cần Thơ"), new("093", "Hậu Giang"),
        new("094", "Sóc Trăng"), new("095", "Bạc Liêu"), new("096", "Cà Mau"),
    ];

    // Indexed by the code's number (001–096): a lookup without hashing or allocating.
    private static readonly PersonalIdProvince?[] ByNumber = BuildIndex();

    private readonly string? _value;
    private readonly PersonalIdProvince? _province;

    private PersonalId(string value, PersonalIdProvince? province)
    {
        _value = value;
        _province = province;
    }

    /// <summary>The 63 province codes of birth registration, in code order (for the sandbox's generators).</summary>
    public static IReadOnlyList<PersonalIdProvince> Provinces => ProvinceTable;

    public string Value => _value ?? string.Empty;

    public PersonalIdKind Kind => Value.Length == 9 ? PersonalIdKind.Cmnd9 : PersonalIdKind.Cccd12;

    /// <summary>DVCQG <c>LoaiDinhDanh</c>: 1 for a 12-digit id, 2 for a 9-digit CMND.</summary>
    public int WireType => Kind == PersonalIdKind.Cmnd9 ? 2 : 1;

    /// <summary>The province of birth registration (12-digit ids only).</summary>
    public PersonalIdProvince? Province => _province;

    /// <summary>The three-digit province code, e.g. <c>079</c> (12-digit ids only).</summary>
    public string? ProvinceCode => _province?.Code;

    /// <summary>From the 4th digit (12-digit ids only).</summary>
    public Gender? Gender => Value.Length == 12 ? ((Value[3] - '0') % 2 == 0 ? Codes.Gender.Male : Codes.Gender.Female) : null;

    /// <summary>The 4th digit gives the century (0/1 = 1900s … 8/9 = 2300s), digits 5–6 the year in it (12-digit ids only).</summary>
    public int? BirthYear => Value.Length == 12
        ? 1900 + ((Value[3] - '0') / 2 * 100) + CodeText.ToInt(Value.AsSpan(4, 2))
        : null;

    /// <summary>True for DVCQG's "number unknown" placeholder <see cref="PlaceholderValue"/>.</summary>
    public bool IsPlaceholder => Value == PlaceholderValue;

    /// <summary>The number itself (personal data: keep it out of log templates and exception messages).</summary>
    public override string ToString() => Value;

    /// <summary>A valid 12-digit id from its parts, for synthetic data.</summary>
    /// <param name="provinceCode">One of <see cref="Provinces"/>, e.g. <c>064</c>.</param>
    /// <param name="birthYear">1900–2399, the range the century digit can encode.</param>
    /// <param name="serial">The last six digits, 0–999999.</param>
    public static PersonalId CreateCccd(string provinceCode, Gender gender, int birthYear, int serial)
    {
        ArgumentNullException.ThrowIfNull(provinceCode);
        var province = FindProvince(provinceCode)
            ?? throw new ArgumentException($"'{provinceCode}' is not a province code of birth registration.", nameof(provinceCode));
        ArgumentOutOfRangeException.ThrowIfLessThan(birthYear, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(birthYear, 2399);
        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, 999_999);
        if (!Enum.IsDefined(gender))
        {
            throw new ArgumentOutOfRangeException(nameof(gender));
        }

        var centuryDigit = ((birthYear - 1900) / 100 * 2) + (gender == Codes.Gender.Female ? 1 : 0);
        var value = string.Create(CultureInfo.InvariantCulture, $"{province.Code}{centuryDigit}{birthYear % 100:D2}{serial:D6}");
        return new PersonalId(value, province);
    }

    /// <summary>The province behind a three-digit code, or null.</summary>
    public static PersonalIdProvince? FindProvince(ReadOnlySpan<char> code) =>
        code.Length == 3 && CodeText.IsDigits(code) && CodeText.ToInt(code) is var n && n < ByNumber.Length ? ByNumber[n] : null;

    public static bool TryParse([NotNullWhen(true)] string? text, out PersonalId value) => TryParse(text, out value, out _);

    public static bool TryParse([NotNullWhen(true)] string? text, out PersonalId value, [NotNullWhen(false)] out FieldError? error)
    {
        value = default;
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
        {
            error = CodeErrors.Personal.Empty;
            return false;
        }

        if (!CodeText.IsDigits(s))
        {
            error = CodeErrors.Personal.Digits;
            return false;
        }

        if (s.Length is not (9 or 12))
        {
            error = CodeErrors.Personal.Length;
            return false;
        }

        PersonalIdProvince? province = null;
        if (s.Length == 12 && (province = FindProvince(s[..3])) is null)
        {
            error = CodeErrors.Personal.Province;
            return false;
        }

        value = new PersonalId(CodeText.Upper(text, s), province);
        error = null;
        return true;
    }

    /// <summary>
    /// As <see cref="TryParse(string?, out PersonalId, out FieldError?)"/>, and also refuses a 12-digit id whose
    /// birth year is after <paramref name="today"/>'s (<c>personal_id.birth_year_future</c>). Pass Vietnam's date,
    /// <c>VietnamTime.Today(timeProvider)</c>.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, DateOnly today, out PersonalId value, [NotNullWhen(false)] out FieldError? error)
    {
        if (!TryParse(text, out value, out error))
        {
            return false;
        }

        if (value.BirthYear > today.Year)
        {
            value = default;
            error = CodeErrors.Personal.BirthYearFuture;
            return false;
        }

        return true;
    }

    /// <exception cref="LgspException"><c>client.invalid_personal_id</c> with the precise reason.</exception>
    public static PersonalId Parse(string text) =>
        TryParse(text, out var value, out var error)
            ? value
            : throw new LgspException(ErrorCatalogue.InvalidPersonalId, error.MessageEn, [error]);

    static PersonalId IParsable<PersonalId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<PersonalId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PersonalId result) =>
        TryParse(s, out result);

    private static PersonalIdProvince?[] BuildIndex()
    {
        var index = new PersonalIdProvince?[100];
        foreach (var province in ProvinceTable)
        {
            index[int.Parse(province.Code, CultureInfo.InvariantCulture)] = province;
        }

        return index;
    }
}
