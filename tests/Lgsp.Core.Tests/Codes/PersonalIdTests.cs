using Lgsp.Core.Codes;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Tests.Codes;

public sealed class PersonalIdTests
{
    /// <summary>12-digit ids (synthetic numbers: real ones are personal data): input, province code, gender, birth year.</summary>
    public static TheoryData<string, string, Gender, int> ValidCccd => new()
    {
        { "001099012345", "001", Gender.Male, 1999 },
        { "079203001234", "079", Gender.Male, 2003 },
        { "064185000001", "064", Gender.Female, 1985 },
        { "096301000042", "096", Gender.Female, 2001 },
        { "038090123456", "038", Gender.Male, 1990 },
        { "046175987654", "046", Gender.Female, 1975 },
        { "048000000000", "048", Gender.Male, 1900 },
        { "002100000000", "002", Gender.Female, 1900 },
        { "077399999999", "077", Gender.Female, 2099 },
        { "036225123456", "036", Gender.Male, 2025 },
        { "001400000001", "001", Gender.Male, 2100 },
        { "001599000001", "001", Gender.Female, 2199 },
        { "001650000001", "001", Gender.Male, 2250 },
        { "001750000001", "001", Gender.Female, 2250 },
        { "001899000001", "001", Gender.Male, 2399 },
        { "001999000001", "001", Gender.Female, 2399 },
        { "011088765432", "011", Gender.Male, 1988 },
        { "067195000777", "067", Gender.Female, 1995 },
        { "092004111111", "092", Gender.Male, 1904 },
        { " 031199123123 ", "031", Gender.Female, 1999 },
        { "093307000123", "093", Gender.Female, 2007 },
    };

    public static TheoryData<string> ValidCmnd => new()
    {
        "123456789",
        "012345678",
        "000000001",
        " 272345678 ",
        "999999999",
    };

    public static TheoryData<string?, string> Invalid => new()
    {
        { null, "personal_id.empty" },
        { "", "personal_id.empty" },
        { "\t", "personal_id.empty" },
        { "00109901234A", "personal_id.digits" },
        { "001 099 012345", "personal_id.digits" },
        { "-01099012345", "personal_id.digits" },
        { "００１０９９０１２３４５", "personal_id.digits" },
        { "CMND123456", "personal_id.digits" },
        { "00109901234", "personal_id.length" },
        { "0010990123456", "personal_id.length" },
        { "12345678", "personal_id.length" },
        { "1234567890", "personal_id.length" },
        { "1", "personal_id.length" },
        { "000099012345", "personal_id.province" },
        { "003099012345", "personal_id.province" },
        { "005099012345", "personal_id.province" },
        { "013099012345", "personal_id.province" },
        { "021099012345", "personal_id.province" },
        { "097099012345", "personal_id.province" },
        { "999099012345", "personal_id.province" },
    };

    [Theory]
    [MemberData(nameof(ValidCccd))]
    public void TryParse_TwelveDigits_DecodesProvinceGenderAndBirthYear(string input, string province, Gender gender, int birthYear)
    {
        Assert.True(PersonalId.TryParse(input, out var id, out var error));

        Assert.Null(error);
        Assert.Equal(input.Trim(), id.Value);
        Assert.Equal(PersonalIdKind.Cccd12, id.Kind);
        Assert.Equal(1, id.WireType);
        Assert.Equal(province, id.ProvinceCode);
        Assert.Equal(gender, id.Gender);
        Assert.Equal(birthYear, id.BirthYear);
        Assert.False(id.IsPlaceholder);
    }

    [Theory]
    [MemberData(nameof(ValidCmnd))]
    public void TryParse_NineDigits_IsOldCmndWithWireTypeTwo(string input)
    {
        Assert.True(PersonalId.TryParse(input, out var id, out var error));

        Assert.Null(error);
        Assert.Equal(input.Trim(), id.Value);
        Assert.Equal(PersonalIdKind.Cmnd9, id.Kind);
        Assert.Equal(2, id.WireType);
        Assert.Null(id.ProvinceCode);
        Assert.Null(id.Gender);
        Assert.Null(id.BirthYear);
    }

    [Fact]
    public void TryParse_DvcqgUnknownPlaceholder_ParsesAndIsFlagged()
    {
        var id = PersonalId.Parse(PersonalId.PlaceholderValue);

        Assert.True(id.IsPlaceholder);
        Assert.Equal(2, id.WireType);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryParse_InvalidId_ReportsExactReason(string? input, string reason)
    {
        Assert.False(PersonalId.TryParse(input, out var id, out var error));

        Assert.Equal(default, id);
        Assert.Equal(reason, error.Reason);
        Assert.Contains(error, CodeErrorsTests.Catalogue);
    }

    [Fact]
    public void TryParse_WithToday_RefusesBirthYearAfterToday()
    {
        var today = new DateOnly(2026, 11, 24);

        Assert.True(PersonalId.TryParse("001226012345", today, out _, out _));
        Assert.False(PersonalId.TryParse("001227012345", today, out var id, out var error));
        Assert.Equal(default, id);
        Assert.Equal("personal_id.birth_year_future", error.Reason);
        Assert.False(PersonalId.TryParse("001400000001", today, out _, out error));
        Assert.Equal("personal_id.birth_year_future", error.Reason);
        Assert.True(PersonalId.TryParse("123456789", today, out _, out _));
    }

    [Fact]
    public void TryParse_WithoutToday_AcceptsAFutureBirthYear() =>
        Assert.True(PersonalId.TryParse("001400000001", out _));

    [Fact]
    public void Provinces_Table_HasTheSixtyThreeCodesInOrder()
    {
        var codes = PersonalId.Provinces.Select(p => p.Code).ToList();

        Assert.Equal(63, codes.Count);
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(PersonalId.Provinces, p => Assert.False(string.IsNullOrWhiteSpace(p.Name)));
        Assert.Equal("Hà Nội", PersonalId.FindProvince("001")?.Name);
        Assert.Equal("Gia Lai", PersonalId.FindProvince("064")?.Name);
        Assert.Equal("Cà Mau", PersonalId.FindProvince("096")?.Name);
        Assert.Null(PersonalId.FindProvince("003"));
        Assert.Null(PersonalId.FindProvince("1"));
    }

    [Fact]
    public void Provinces_EveryCode_ParsesAsTheFirstThreeDigits()
    {
        foreach (var province in PersonalId.Provinces)
        {
            var id = PersonalId.Parse(province.Code + "090000001");
            Assert.Same(province, id.Province);
        }
    }

    [Theory]
    [InlineData("064", Gender.Male, 1985, 1, "064085000001")]
    [InlineData("064", Gender.Female, 1985, 1, "064185000001")]
    [InlineData("001", Gender.Male, 2003, 123456, "001203123456")]
    [InlineData("096", Gender.Female, 2024, 999999, "096324999999")]
    [InlineData("079", Gender.Female, 1900, 0, "079100000000")]
    [InlineData("079", Gender.Male, 2399, 42, "079899000042")]
    public void CreateCccd_Parts_BuildsAnIdThatDecodesToThem(string province, Gender gender, int year, int serial, string expected)
    {
        var id = PersonalId.CreateCccd(province, gender, year, serial);

        Assert.Equal(expected, id.Value);
        Assert.Equal(id, PersonalId.Parse(expected));
        Assert.Equal(province, id.ProvinceCode);
        Assert.Equal(gender, id.Gender);
        Assert.Equal(year, id.BirthYear);
    }

    [Fact]
    public void CreateCccd_BadParts_Throw()
    {
        Assert.Throws<ArgumentException>(() => PersonalId.CreateCccd("003", Gender.Male, 1990, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PersonalId.CreateCccd("001", Gender.Male, 1899, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PersonalId.CreateCccd("001", Gender.Male, 2400, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PersonalId.CreateCccd("001", Gender.Male, 1990, 1_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => PersonalId.CreateCccd("001", Gender.Male, 1990, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PersonalId.CreateCccd("001", (Gender)7, 1990, 1));
    }

    [Fact]
    public void Parse_InvalidId_ThrowsCatalogueErrorWithoutQuotingTheNumber()
    {
        var ex = Assert.Throws<LgspException>(() => PersonalId.Parse("003099012345"));

        Assert.Same(ErrorCatalogue.InvalidPersonalId, ex.Error);
        Assert.Equal("personal_id.province", Assert.Single(ex.FieldErrors).Reason);
        Assert.DoesNotContain("003099012345", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IParsable_GenericParse_UsesTheSameRules()
    {
        Assert.Equal(PersonalId.Parse("001099012345"), AgencyCodeTests.ParseVia<PersonalId>("001099012345"));
        Assert.False(AgencyCodeTests.TryParseVia<PersonalId>("003099012345"));
    }

    /// <summary>
    /// NĐ 137/2015/NĐ-CP Điều 13: the first three digits are the province of birth registration, or the country code
    /// for a citizen whose birth was registered abroad (ISO 3166-1 numeric; 050 Bangladesh, 100 Bulgaria, 250 France,
    /// 392 Japan). Changed on purpose: 050 and 100 used to be refused as unknown provinces.
    /// </summary>
    [Theory]
    [InlineData("050099012345", "050")]
    [InlineData("100099012345", "100")]
    [InlineData("250185000001", "250")]
    [InlineData("392203001234", "392")]
    public void TryParse_CountryCodeOfARegistrationAbroad_IsValid(string input, string country)
    {
        Assert.True(PersonalId.TryParse(input, out var id, out var error), error?.Reason);

        Assert.Equal((country, true, null), (id.RegistrationCountryCode, id.IsRegisteredAbroad, id.Province));
        Assert.Equal(PersonalIdKind.Cccd12, id.Kind);
        Assert.NotNull(id.BirthYear);
    }

    [Fact]
    public void TryParse_ProvinceCode_IsNotReadAsACountry()
    {
        Assert.True(PersonalId.TryParse("079203001234", out var id));

        Assert.Equal((null, false, "079"), (id.RegistrationCountryCode, id.IsRegisteredAbroad, id.ProvinceCode));
    }
}
