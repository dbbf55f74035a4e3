using Lgsp.Core.Codes;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Tests.Codes;

public sealed class SocialInsuranceCodeTests
{
    /// <summary>Input and value. <c>7937368040</c> is DOMAIN.md §1.5's example; the rest are synthetic.</summary>
    public static TheoryData<string, string> Valid => new()
    {
        { "7937368040", "7937368040" },
        { " 7937368040 ", "7937368040" },
        { "\t7937368040\r\n", "7937368040" },
        { "0100000001", "0100000001" },
        { "0123456789", "0123456789" },
        { "0000000000", "0000000000" },
        { "9999999999", "9999999999" },
        { "3122001234", "3122001234" },
        { "4920123456", "4920123456" },
        { "6420987654", "6420987654" },
        { "2722334455", "2722334455" },
        { "0197001122", "0197001122" },
        { "7920000001", "7920000001" },
        { "5612345678", "5612345678" },
        { "3819876543", "3819876543" },
        { "0123000999", "0123000999" },
        { "9612121212", "9612121212" },
        { "4812345670", "4812345670" },
        { "0417171717", "0417171717" },
        { "8001010101", "8001010101" },
    };

    public static TheoryData<string?, string> Invalid => new()
    {
        { null, "social_insurance_code.empty" },
        { "", "social_insurance_code.empty" },
        { "   ", "social_insurance_code.empty" },
        { "793736804", "social_insurance_code.length" },
        { "79373680401", "social_insurance_code.length" },
        { "1", "social_insurance_code.length" },
        { "793736804012", "social_insurance_code.length" },
        { "123456789", "social_insurance_code.length" },
        { "000000000000000", "social_insurance_code.length" },
        { "793736804A", "social_insurance_code.digits" },
        { "7937-368040", "social_insurance_code.digits" },
        { "7937 368040", "social_insurance_code.digits" },
        { "BH7937368040", "social_insurance_code.digits" },
        { "７９３７３６８０４０", "social_insurance_code.digits" },
        { "+7937368040", "social_insurance_code.digits" },
        { "7937368040.", "social_insurance_code.digits" },
        { "TZH490L", "social_insurance_code.digits" },
        { "03706/2026/07906", "social_insurance_code.digits" },
        { "793736804O", "social_insurance_code.digits" },
        { "-793736804", "social_insurance_code.digits" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_TenDigits_Trims(string input, string value)
    {
        Assert.True(SocialInsuranceCode.TryParse(input, out var code, out var error));

        Assert.Null(error);
        Assert.Equal(value, code.Value);
        Assert.Equal(value, code.ToString());
        Assert.Equal(code, SocialInsuranceCode.Parse(value));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryParse_InvalidCode_ReportsExactReason(string? input, string reason)
    {
        Assert.False(SocialInsuranceCode.TryParse(input, out var code, out var error));

        Assert.Equal(default, code);
        Assert.Equal(reason, error.Reason);
        Assert.Contains(error, CodeErrorsTests.Catalogue);
    }

    [Fact]
    public void Parse_InvalidCode_ThrowsCatalogueErrorWithReason()
    {
        var ex = Assert.Throws<LgspException>(() => SocialInsuranceCode.Parse("793736804"));

        Assert.Same(ErrorCatalogue.InvalidSocialInsuranceCode, ex.Error);
        Assert.Equal("social_insurance_code.length", Assert.Single(ex.FieldErrors).Reason);
    }

    [Fact]
    public void IParsable_GenericParse_UsesTheSameRules()
    {
        Assert.Equal(SocialInsuranceCode.Parse("7937368040"), AgencyCodeTests.ParseVia<SocialInsuranceCode>(" 7937368040"));
        Assert.False(AgencyCodeTests.TryParseVia<SocialInsuranceCode>("793736804"));
    }
}
