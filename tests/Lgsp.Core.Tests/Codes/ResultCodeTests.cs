using Lgsp.Core.Codes;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Tests.Codes;

public sealed class ResultCodeTests
{
    /// <summary>Input, value, issuer level-1 code, number. Real codes from DOMAIN.md §1.4 first.</summary>
    public static TheoryData<string, string, string, int> Valid => new()
    {
        { "KQ.G15.000031", "KQ.G15.000031", "G15", 31 },
        { "KQ.G15.000034", "KQ.G15.000034", "G15", 34 },
        { "KQ.G07.000122", "KQ.G07.000122", "G07", 122 },
        { "kq.g15.000031", "KQ.G15.000031", "G15", 31 },
        { "Kq.G15.000031", "KQ.G15.000031", "G15", 31 },
        { " KQ.G15.000031 ", "KQ.G15.000031", "G15", 31 },
        { "KQ.H56.000001", "KQ.H56.000001", "H56", 1 },
        { "KQ.K54.999999", "KQ.K54.999999", "K54", 999999 },
        { "KQ.G22.000000", "KQ.G22.000000", "G22", 0 },
        { "KQ.G01.100000", "KQ.G01.100000", "G01", 100000 },
        { "KQ.G99.000010", "KQ.G99.000010", "G99", 10 },
        { "KQ.H01.123456", "KQ.H01.123456", "H01", 123456 },
        { "KQ.H49.000200", "KQ.H49.000200", "H49", 200 },
        { "KQ.H21.000129", "KQ.H21.000129", "H21", 129 },
        { "KQ.G09.000020", "KQ.G09.000020", "G09", 20 },
        { "KQ.G18.000004", "KQ.G18.000004", "G18", 4 },
        { "KQ.G14.000004", "KQ.G14.000004", "G14", 4 },
        { "KQ.G10.555555", "KQ.G10.555555", "G10", 555555 },
        { "KQ.K01.000001", "KQ.K01.000001", "K01", 1 },
        { "\tKQ.G07.000122", "KQ.G07.000122", "G07", 122 },
    };

    public static TheoryData<string?, string> Invalid => new()
    {
        { null, "result_code.empty" },
        { "  ", "result_code.empty" },
        { "G15.000031", "result_code.prefix" },
        { "KQ-G15-000031", "result_code.prefix" },
        { "QK.G15.000031", "result_code.prefix" },
        { "KQG15.000031", "result_code.prefix" },
        { "K", "result_code.prefix" },
        { "KQ.G15", "result_code.group_count" },
        { "KQ.G15.000031.1", "result_code.group_count" },
        { "KQ.", "result_code.group_count" },
        { "KQ.000.00.00.G15.000031", "result_code.group_count" },
        { "KQ.X15.000031", "result_code.issuer" },
        { "KQ.G1.000031", "result_code.issuer" },
        { "KQ.G00.000031", "result_code.issuer" },
        { "KQ.G155.000031", "result_code.issuer" },
        { "KQ.000031.G15", "result_code.issuer" },
        { "KQ..000031", "result_code.issuer" },
        { "KQ.G15.00031", "result_code.number" },
        { "KQ.G15.0000311", "result_code.number" },
        { "KQ.G15.00003A", "result_code.number" },
        { "KQ.G15.", "result_code.number" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_ValidCode_ExposesIssuerAndNumber(string input, string value, string issuer, int number)
    {
        Assert.True(ResultCode.TryParse(input, out var code, out var error));

        Assert.Null(error);
        Assert.Equal(value, code.Value);
        Assert.Equal(value, code.ToString());
        Assert.Equal(issuer, code.Issuer.Level1);
        Assert.Equal(1, code.Issuer.Level);
        Assert.Equal(number, code.Number);
        Assert.Equal(code, ResultCode.Parse(code.Value));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryParse_InvalidCode_ReportsExactReason(string? input, string reason)
    {
        Assert.False(ResultCode.TryParse(input, out var code, out var error));

        Assert.Equal(default, code);
        Assert.Equal(reason, error.Reason);
        Assert.Contains(error, CodeErrorsTests.Catalogue);
    }

    [Fact]
    public void Parse_InvalidCode_ThrowsCatalogueErrorWithReason()
    {
        var ex = Assert.Throws<LgspException>(() => ResultCode.Parse("KQ.G15.31"));

        Assert.Same(ErrorCatalogue.InvalidResultCode, ex.Error);
        Assert.Equal("result_code.number", Assert.Single(ex.FieldErrors).Reason);
    }

    [Fact]
    public void IParsable_GenericParse_UsesTheSameRules()
    {
        Assert.Equal(ResultCode.Parse("KQ.G15.000031"), AgencyCodeTests.ParseVia<ResultCode>("kq.g15.000031"));
        Assert.False(AgencyCodeTests.TryParseVia<ResultCode>("KQ.G15"));
    }
}
