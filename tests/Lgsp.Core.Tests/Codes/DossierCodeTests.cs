using Lgsp.Core.Codes;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Tests.Codes;

public sealed class DossierCodeTests
{
    /// <summary>Input, value, kind, agency (canonical), date, sequence. Real codes from DOMAIN.md §1.2 and §8 first.</summary>
    public static TheoryData<string, string, DossierCodeKind, string, DateOnly, int> Valid => new()
    {
        { "H21.129-250812-0035", "H21.129-250812-0035", DossierCodeKind.Provincial, "H21.129", new(2025, 8, 12), 35 },
        { "H15.50.05.13-261008-0975", "H15.50.05.13-261008-0975", DossierCodeKind.Provincial, "013.05.50.H15", new(2026, 10, 8), 975 },
        { "000.00.14.H56-250812-0035", "000.00.14.H56-250812-0035", DossierCodeKind.Provincial, "000.00.14.H56", new(2025, 8, 12), 35 },
        { "H56.14-250812-0035", "H56.14-250812-0035", DossierCodeKind.Provincial, "000.00.14.H56", new(2025, 8, 12), 35 },
        { "G09.20-20260609-0092637", "G09.20-20260609-0092637", DossierCodeKind.Ministry, "000.00.20.G09", new(2026, 6, 9), 92637 },
        { "G09.20-20260609-090123", "G09.20-20260609-090123", DossierCodeKind.Ministry, "000.00.20.G09", new(2026, 6, 9), 90123 },
        { "G18.04-20250101-180001", "G18.04-20250101-180001", DossierCodeKind.Ministry, "000.00.04.G18", new(2025, 1, 1), 180001 },
        { "G15-20240229-1500001", "G15-20240229-1500001", DossierCodeKind.Ministry, "000.00.00.G15", new(2024, 2, 29), 1500001 },
        { "H56.14-250812-48213", "H56.14-250812-48213", DossierCodeKind.Alias, "000.00.14.H56", new(2025, 8, 12), 48213 },
        { "000.00.14.H56-250812-73920", "000.00.14.H56-250812-73920", DossierCodeKind.Alias, "000.00.14.H56", new(2025, 8, 12), 73920 },
        { "H21.129-250812-99999", "H21.129-250812-99999", DossierCodeKind.Alias, "H21.129", new(2025, 8, 12), 99999 },
        { "H21.129-250812-00000", "H21.129-250812-00000", DossierCodeKind.Alias, "H21.129", new(2025, 8, 12), 0 },
        { "H56.14-240229-0001", "H56.14-240229-0001", DossierCodeKind.Provincial, "000.00.14.H56", new(2024, 2, 29), 1 },
        { "H56.14-261231-9999", "H56.14-261231-9999", DossierCodeKind.Provincial, "000.00.14.H56", new(2026, 12, 31), 9999 },
        { "h56.14-250812-0035", "H56.14-250812-0035", DossierCodeKind.Provincial, "000.00.14.H56", new(2025, 8, 12), 35 },
        { " H56.14-250812-0035\n", "H56.14-250812-0035", DossierCodeKind.Provincial, "000.00.14.H56", new(2025, 8, 12), 35 },
        { "000.00.00.G22-250101-0001", "000.00.00.G22-250101-0001", DossierCodeKind.Provincial, "000.00.00.G22", new(2025, 1, 1), 1 },
        { "H49-250812-1234", "H49-250812-1234", DossierCodeKind.Provincial, "000.00.00.H49", new(2025, 8, 12), 1234 },
        { "K54-250812-0001", "K54-250812-0001", DossierCodeKind.Provincial, "000.00.00.K54", new(2025, 8, 12), 1 },
        { "000.00.04.G14-250812-0100", "000.00.04.G14-250812-0100", DossierCodeKind.Provincial, "000.00.04.G14", new(2025, 8, 12), 100 },
        { "H15.50.05.13-000101-0001", "H15.50.05.13-000101-0001", DossierCodeKind.Provincial, "013.05.50.H15", new(2000, 1, 1), 1 },
        { "H56.14.00-250812-0035", "H56.14.00-250812-0035", DossierCodeKind.Provincial, "000.00.14.H56", new(2025, 8, 12), 35 },
    };

    public static TheoryData<string?, string> Invalid => new()
    {
        { null, "dossier_code.empty" },
        { " ", "dossier_code.empty" },
        { "H56.14", "dossier_code.segment_count" },
        { "H56.14-250812", "dossier_code.segment_count" },
        { "H56.14-X-250812-0035", "dossier_code.segment_count" },
        { "H5.14-250812-0035", "agency_code.level1_number" },
        { "000.05.00.H56-250812-0035", "agency_code.hierarchy" },
        { "-250812-0035", "agency_code.empty" },
        { "H56.14-25081-0035", "dossier_code.date_format" },
        { "H56.14-2508123-0035", "dossier_code.date_format" },
        { "H56.14-25O812-0035", "dossier_code.date_format" },
        { "H56.14--0035", "dossier_code.date_format" },
        { "H56.14-251312-0035", "dossier_code.date" },
        { "H56.14-250230-0035", "dossier_code.date" },
        { "H56.14-250200-0035", "dossier_code.date" },
        { "H56.14-250229-0035", "dossier_code.date" },
        { "G09.20-20261301-0092637", "dossier_code.date" },
        { "G09.20-00000101-0092637", "dossier_code.date" },
        { "H56.14-250812-035", "dossier_code.sequence_format" },
        { "H56.14-250812-003X", "dossier_code.sequence_format" },
        { "H56.14-250812-", "dossier_code.sequence_format" },
        { "H56.14-250812-000351", "dossier_code.sequence_format" },
        { "G09.20-20260609-0035", "dossier_code.sequence_format" },
        { "G09.20-20260609-12345678", "dossier_code.sequence_format" },
        { "H56.14-250812-0000", "dossier_code.sequence_range" },
        { "G09.20-20260609-000000", "dossier_code.sequence_range" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_ValidCode_ExposesItsParts(string input, string value, DossierCodeKind kind, string agency, DateOnly date, int sequence)
    {
        Assert.True(DossierCode.TryParse(input, out var code, out var error));

        Assert.Null(error);
        Assert.Equal(value, code.Value);
        Assert.Equal(value, code.ToString());
        Assert.Equal(kind, code.Kind);
        Assert.Equal(agency, code.Agency.Value);
        Assert.Equal(date, code.Date);
        Assert.Equal(sequence, code.Sequence);
        Assert.Equal(code, DossierCode.Parse(code.Value));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryParse_InvalidCode_ReportsExactReason(string? input, string reason)
    {
        Assert.False(DossierCode.TryParse(input, out var code, out var error));

        Assert.Equal(default, code);
        Assert.Equal(reason, error.Reason);
        Assert.Contains(error, CodeErrorsTests.Catalogue);
    }

    [Fact]
    public void Parse_InvalidCode_ThrowsCatalogueErrorWithReason()
    {
        var ex = Assert.Throws<LgspException>(() => DossierCode.Parse("H56.14-250812-0000"));

        Assert.Same(ErrorCatalogue.InvalidDossierCode, ex.Error);
        Assert.Equal("dossier_code.sequence_range", Assert.Single(ex.FieldErrors).Reason);
    }

    [Fact]
    public void Parse_BadAgencySegment_ThrowsInvalidDossierCodeWithTheAgencyReason()
    {
        var ex = Assert.Throws<LgspException>(() => DossierCode.Parse("X56.14-250812-0035"));

        Assert.Same(ErrorCatalogue.InvalidDossierCode, ex.Error);
        Assert.Equal("agency_code.level1_kind", Assert.Single(ex.FieldErrors).Reason);
    }

    [Theory]
    [InlineData("000.00.14.H56", 35, "H56.14-250812-0035")]
    [InlineData("013.05.50.H15", 975, "H15.50.05.13-250812-0975")]
    [InlineData("H21.129", 9999, "H21.129-250812-9999")]
    [InlineData("000.00.00.G22", 1, "G22-250812-0001")]
    public void Create_Agency_WritesShortFormDateAndFourDigits(string agency, int sequence, string expected)
    {
        var code = DossierCode.Create(AgencyCode.Parse(agency), new DateOnly(2025, 8, 12), sequence);

        Assert.Equal(expected, code.Value);
        Assert.Equal(DossierCodeKind.Provincial, code.Kind);
        Assert.Equal(code, DossierCode.Parse(expected));
    }

    [Fact]
    public void CreateAlias_Discriminator_WritesFiveDigitsAndParsesAsAlias()
    {
        var code = DossierCode.CreateAlias(AgencyCode.Parse("000.00.14.H56"), new DateOnly(2025, 8, 12), 42);

        Assert.Equal("H56.14-250812-00042", code.Value);
        Assert.Equal(DossierCodeKind.Alias, DossierCode.Parse(code.Value).Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10000)]
    public void Create_SequenceOutOfRange_Throws(int sequence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DossierCode.Create(AgencyCode.Parse("H56.14"), new DateOnly(2025, 8, 12), sequence));

    [Fact]
    public void Create_DateOutsideTwoDigitYears_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DossierCode.Create(AgencyCode.Parse("H56.14"), new DateOnly(2100, 1, 1), 1));

    [Fact]
    public void Create_DefaultAgency_Throws() =>
        Assert.Throws<ArgumentException>(() => DossierCode.Create(default, new DateOnly(2025, 8, 12), 1));

    [Fact]
    public void IParsable_GenericParse_UsesTheSameRules()
    {
        Assert.Equal(DossierCode.Parse("H56.14-250812-0035"), AgencyCodeTests.ParseVia<DossierCode>("H56.14-250812-0035"));
        Assert.False(AgencyCodeTests.TryParseVia<DossierCode>("H56.14-250812-0000"));
    }
}
