using Lgsp.Core.Codes;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Tests.Codes;

public sealed class EnterpriseCodeTests
{
    /// <summary>Input, value, branch number or null. Published enterprise codes (DOMAIN.md §1.5's first).</summary>
    public static TheoryData<string, string, int?> Valid => new()
    {
        { "0306182043", "0306182043", null },
        { "0306182043-001", "0306182043-001", 1 },
        { "0306182043001", "0306182043-001", 1 },
        { " 0306182043-001 ", "0306182043-001", 1 },
        { "0100109106", "0100109106", null },
        { "0100100079", "0100100079", null },
        { "0300588569", "0300588569", null },
        { "0101243150", "0101243150", null },
        { "0309532909", "0309532909", null },
        { "0100686174", "0100686174", null },
        { "0302035520", "0302035520", null },
        { "0106026495", "0106026495", null },
        { "0310471746", "0310471746", null },
        { "0301444753", "0301444753", null },
        { "0100112437", "0100112437", null },
        { "5700100256", "5700100256", null },
        { "0200519875", "0200519875", null },
        { "1800156801", "1800156801", null },
        { "3600252847", "3600252847", null },
        { "0400101556", "0400101556", null },
        { "2800232620", "2800232620", null },
        { "0100109106-999", "0100109106-999", 999 },
        { "0100109106-045", "0100109106-045", 45 },
        { "0100109106123", "0100109106-123", 123 },
    };

    public static TheoryData<string?, string> Invalid => new()
    {
        { null, "enterprise_code.empty" },
        { " ", "enterprise_code.empty" },
        { "03061820A3", "enterprise_code.digits" },
        { "0306182043_001", "enterprise_code.digits" },
        { "0306182043--001", "enterprise_code.digits" },
        { "0306182043-", "enterprise_code.digits" },
        { "0306182043-00A", "enterprise_code.digits" },
        { "0306 182 043", "enterprise_code.digits" },
        { "MST0306182043", "enterprise_code.digits" },
        { "030618204", "enterprise_code.length" },
        { "03061820434", "enterprise_code.length" },
        { "030618204300", "enterprise_code.length" },
        { "0306182043-01", "enterprise_code.length" },
        { "0306182043-0001", "enterprise_code.length" },
        { "030618204-3001", "enterprise_code.length" },
        { "-001", "enterprise_code.length" },
        { "0306182044", "enterprise_code.check_digit" },
        { "4300786870", "enterprise_code.check_digit" },
        { "0305234567", "enterprise_code.check_digit" },
        { "0306182042-001", "enterprise_code.check_digit" },
        { "0000000000", "enterprise_code.not_issuable" },
        { "1000000080", "enterprise_code.not_issuable" },
        { "1000000210-001", "enterprise_code.not_issuable" },
        { "0306182043-000", "enterprise_code.branch_number" },
        { "0306182043000", "enterprise_code.branch_number" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_ValidCode_NormalisesAndSplitsTheBranch(string input, string value, int? branch)
    {
        Assert.True(EnterpriseCode.TryParse(input, out var code, out var error));

        Assert.Null(error);
        Assert.Equal(value, code.Value);
        Assert.Equal(value, code.ToString());
        Assert.Equal(branch, code.BranchNumber);
        Assert.Equal(branch is not null, code.IsBranch);
        Assert.Equal(value[..10], code.HeadOffice.Value);
        Assert.False(code.HeadOffice.IsBranch);
        Assert.Equal(code, EnterpriseCode.Parse(code.Value));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryParse_InvalidCode_ReportsExactReason(string? input, string reason)
    {
        Assert.False(EnterpriseCode.TryParse(input, out var code, out var error));

        Assert.Equal(default, code);
        Assert.Equal(reason, error.Reason);
        Assert.Contains(error, CodeErrorsTests.Catalogue);
    }

    [Fact]
    public void ComputeCheckDigit_DomainExample_IsThree()
    {
        // 0·31 + 3·29 + 0·23 + 6·19 + 1·17 + 8·13 + 2·7 + 0·5 + 4·3 = 348; 348 mod 11 = 7; 10 − 7 = 3.
        Assert.Equal(3, EnterpriseCode.ComputeCheckDigit("030618204"));
    }

    [Theory]
    [InlineData("000000000")]
    [InlineData("100000008")]
    [InlineData("100000021")]
    public void ComputeCheckDigit_SumDivisibleByEleven_IsNullNeverIssued(string firstNine) =>
        Assert.Null(EnterpriseCode.ComputeCheckDigit(firstNine));

    [Theory]
    [InlineData("03061820")]
    [InlineData("0306182043")]
    [InlineData("03061820A")]
    public void ComputeCheckDigit_NotNineDigits_Throws(string firstNine) =>
        Assert.Throws<ArgumentException>(() => EnterpriseCode.ComputeCheckDigit(firstNine));

    [Fact]
    public void ComputeCheckDigit_EveryIssuableNinePrefix_GivesACodeThatParses()
    {
        for (var i = 0; i < 2000; i++)
        {
            var nine = (306182000 + i).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            var check = EnterpriseCode.ComputeCheckDigit(nine);
            for (var digit = 0; digit <= 9; digit++)
            {
                var ok = EnterpriseCode.TryParse(nine + digit, out _, out var error);
                Assert.Equal(check == digit, ok);
                Assert.Equal(check is null ? "enterprise_code.not_issuable" : check == digit ? null : "enterprise_code.check_digit", error?.Reason);
            }
        }
    }

    [Fact]
    public void Parse_InvalidCode_ThrowsCatalogueErrorWithReason()
    {
        var ex = Assert.Throws<LgspException>(() => EnterpriseCode.Parse("0306182044"));

        Assert.Same(ErrorCatalogue.InvalidEnterpriseCode, ex.Error);
        Assert.Equal("enterprise_code.check_digit", Assert.Single(ex.FieldErrors).Reason);
    }

    [Fact]
    public void IParsable_GenericParse_UsesTheSameRules()
    {
        Assert.Equal(EnterpriseCode.Parse("0306182043-001"), AgencyCodeTests.ParseVia<EnterpriseCode>("0306182043001"));
        Assert.False(AgencyCodeTests.TryParseVia<EnterpriseCode>("0306182044"));
    }
}
