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
/// Số định danh cá nhân (12 digits: province of birth registration — or, for a citizen whose birth was registered
/// abroad, the country's code (NĐ 137/2015/NĐ-CP Điều 13) — gender and century, two-digit birth year, six-digit serial)
/// or the old 9-digit CMND (digits only; nothing else about it is checkable).
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

    // ISO 3166-1 numeric country codes (Việt Nam's 704 left out): the first three digits of the id of a citizen whose
    // birth was registered abroad. A code that is also a province's (004, 008, …) reads as the province.
    private const string CountryCodes =
        "004 008 010 012 016 020 024 028 031 032 036 040 044 048 050 051 052 056 060 064 068 070 072 074 076 " +
        "084 086 090 092 096 100 104 108 112 116 120 124 132 136 140 144 148 152 156 158 162 166 170 174 175 " +
        "178 180 184 188 191 192 196 203 204 208 212 214 218 222 226 231 232 233 234 238 239 242 246 248 250 " +
        "254 258 260 262 266 268 270 275 276 288 292 296 300 304 308 312 316 320 324 328 332 334 336 340 344 " +
        "348 352 356 360 364 368 372 376 380 384 388 392 398 400 404 408 410 414 417 418 422 426 428 430 434 " +
        "438 440 442 446 450 454 458 462 466 470 474 478 480 484 492 496 498 499 500 504 508 512 516 520 524 " +
        "528 531 533 534 535 540 548 554 558 562 566 570 574 578 580 581 583 584 585 586 591 598 600 604 608 " +
        "612 616 620 624 626 630 634 638 642 643 646 652 654 659 660 662 663 666 670 674 678 682 686 688 690 " +
        "694 702 703 705 706 710 716 724 728 729 732 740 744 748 752 756 760 762 764 768 772 776 780 784 788 " +
        "792 795 796 798 800 804 807 818 826 831 832 833 834 840 850 854 858 860 862 876 882 887 894";

    private static readonly bool[] IsCountry = BuildCountries();

    private readonly string? _value;
    private readonly PersonalIdProvince? _province;

    private PersonalId(string value, PersonalIdProvince? province)
    {
        _value = value;
        _province = province;
    }

    /// <summary>The country of birth registration for a citizen registered abroad (12-digit ids whose prefix is no province's), e.g. <c>392</c>.</summary>
    public string? RegistrationCountryCode => Value.Length == 12 && _province is null ? Value[..3] : null;

    /// <summary>True for a 12-digit id whose first three digits are a country's code (NĐ 137/2015/NĐ-CP Điều 13).</summary>
    public bool IsRegisteredAbroad => RegistrationCountryCode is not null;

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
        if (s.Length == 12 && (province = FindProvince(s[..3])) is null && !IsCountry[CodeText.ToInt(s[..3])])
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
            : throw new LgspException(ErrorCatalogue.InvalidPersonalId, error.Message, [error]);

    static PersonalId IParsable<PersonalId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<PersonalId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PersonalId result) =>
        TryParse(s, out result);

    private static bool[] BuildCountries()
    {
        var countries = new bool[1000];
        foreach (var code in CountryCodes.Split(' '))
        {
            countries[int.Parse(code, CultureInfo.InvariantCulture)] = true;
        }

        return countries;
    }

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
