using Lgsp.Core.Codes;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Tests.Codes;

public sealed class ProcedureCodeTests
{
    /// <summary>Input, value, national code, agency suffix (canonical) or null. Real codes from DOMAIN.md §1.3 and §8 first.</summary>
    public static TheoryData<string, string, string, string?> Valid => new()
    {
        { "1.005129", "1.005129", "1.005129", null },
        { "2.000488", "2.000488", "2.000488", null },
        { "1.003560.000.00.00.H56", "1.003560.000.00.00.H56", "1.003560", "000.00.00.H56" },
        { "2.002621.H56", "2.002621.H56", "2.002621", "000.00.00.H56" },
        { "1.001193", "1.001193", "1.001193", null },
        { "1.003560", "1.003560", "1.003560", null },
        { " 1.005129 ", "1.005129", "1.005129", null },
        { "2.002621.h56", "2.002621.H56", "2.002621", "000.00.00.H56" },
        { "1.004227.H56.14", "1.004227.H56.14", "1.004227", "000.00.14.H56" },
        { "2.001234.000.00.14.H56", "2.001234.000.00.14.H56", "2.001234", "000.00.14.H56" },
        { "2.000488.G09.20", "2.000488.G09.20", "2.000488", "000.00.20.G09" },
        { "1.012345.H21.129", "1.012345.H21.129", "1.012345", "H21.129" },
        { "1.000001", "1.000001", "1.000001", null },
        { "2.999999", "2.999999", "2.999999", null },
        { "3.000123", "3.000123", "3.000123", null },
        { "1.005129.K54", "1.005129.K54", "1.005129", "000.00.00.K54" },
        { "1.005129.G22", "1.005129.G22", "1.005129", "000.00.00.G22" },
        { "1.005129.000.00.04.G14", "1.005129.000.00.04.G14", "1.005129", "000.00.04.G14" },
        { "1.005129.H15.50.05.13", "1.005129.H15.50.05.13", "1.005129", "013.05.50.H15" },
        { "1.005129.013.05.50.H15", "1.005129.013.05.50.H15", "1.005129", "013.05.50.H15" },
        { "2.002621.H56.14.00", "2.002621.H56.14.00", "2.002621", "000.00.14.H56" },
    };

    public static TheoryData<string?, string> Invalid => new()
    {
        { null, "procedure_code.empty" },
        { "", "procedure_code.empty" },
        { "1005129", "procedure_code.format" },
        { "1.00512", "procedure_code.format" },
        { "1.0051290", "procedure_code.format" },
        { "12.005129", "procedure_code.format" },
        { "A.005129", "procedure_code.format" },
        { "1.00512A", "procedure_code.format" },
        { "1,005129", "procedure_code.format" },
        { "1..005129", "procedure_code.format" },
        { ".005129", "procedure_code.format" },
        { "1.005129-H56", "procedure_code.format" },
        { "1.005129 .H56", "procedure_code.format" },
        { "1.005129.", "agency_code.empty" },
        { "1.005129.X56", "agency_code.level1_kind" },
        { "1.005129.H5", "agency_code.level1_number" },
        { "1.005129.000.05.00.H56", "agency_code.hierarchy" },
        { "1.005129.000.00.14", "agency_code.group_count" },
        { "1.005129.H56.14.05.13.01", "agency_code.group_count" },
        { "1.005129.H56.1A", "agency_code.digits" },
        { "1.005129.H56.014", "agency_code.group_length" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_ValidCode_SplitsNationalCodeAndAgency(string input, string value, string national, string? agency)
    {
        Assert.True(ProcedureCode.TryParse(input, out var code, out var error));

        Assert.Null(error);
        Assert.Equal(value, code.Value);
        Assert.Equal(value, code.ToString());
        Assert.Equal(national, code.NationalCode);
        Assert.Equal(agency, code.AgencySuffix?.Value);
        Assert.Equal(agency is not null, code.IsLocal);
        Assert.Equal(code, ProcedureCode.Parse(code.Value));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryParse_InvalidCode_ReportsExactReason(string? input, string reason)
    {
        Assert.False(ProcedureCode.TryParse(input, out var code, out var error));

        Assert.Equal(default, code);
        Assert.Equal(reason, error.Reason);
        Assert.Contains(error, CodeErrorsTests.Catalogue);
    }

    [Fact]
    public void Parse_InvalidCode_ThrowsCatalogueErrorWithReason()
    {
        var ex = Assert.Throws<LgspException>(() => ProcedureCode.Parse("1.00512"));

        Assert.Same(ErrorCatalogue.InvalidProcedureCode, ex.Error);
        Assert.Equal("procedure_code.format", Assert.Single(ex.FieldErrors).Reason);
    }

    [Fact]
    public void IParsable_GenericParse_UsesTheSameRules()
    {
        Assert.Equal(ProcedureCode.Parse("2.002621.H56"), AgencyCodeTests.ParseVia<ProcedureCode>("2.002621.H56"));
        Assert.False(AgencyCodeTests.TryParseVia<ProcedureCode>("2.00262"));
    }
}
