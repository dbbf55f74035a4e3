using Lgsp.Core.Codes;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Tests.Codes;

public sealed class AgencyCodeTests
{
    /// <summary>Input, canonical value, short form, level. Real codes from DOMAIN.md §1.1–1.2 come first.</summary>
    public static TheoryData<string, string, string, int> Valid => new()
    {
        { "000.00.14.H56", "000.00.14.H56", "H56.14", 2 },
        { "000.00.00.G22", "000.00.00.G22", "G22", 1 },
        { "000.00.04.G14", "000.00.04.G14", "G14.04", 2 },
        { "000.00.00.H49", "000.00.00.H49", "H49", 1 },
        { "000.00.00.H54", "000.00.00.H54", "H54", 1 },
        { "000.00.00.K54", "000.00.00.K54", "K54", 1 },
        { "000.00.00.H41", "000.00.00.H41", "H41", 1 },
        { "000.00.00.H14", "000.00.00.H14", "H14", 1 },
        { "000.00.01.H22", "000.00.01.H22", "H22.01", 2 },
        { "000.00.04.G18", "000.00.04.G18", "G18.04", 2 },
        { "H56.14", "000.00.14.H56", "H56.14", 2 },
        { "H15.50.05.13", "013.05.50.H15", "H15.50.05.13", 4 },
        { "G09.20", "000.00.20.G09", "G09.20", 2 },
        { "H49", "000.00.00.H49", "H49", 1 },
        { "  000.00.14.H56\t", "000.00.14.H56", "H56.14", 2 },
        { "h56.14", "000.00.14.H56", "H56.14", 2 },
        { "000.00.14.h56", "000.00.14.H56", "H56.14", 2 },
        { "H56.14.00", "000.00.14.H56", "H56.14", 2 },
        { "H56.00.00.00", "000.00.00.H56", "H56", 1 },
        { "H15.50.05.013", "013.05.50.H15", "H15.50.05.13", 4 },
        { "H15.50.05.129", "129.05.50.H15", "H15.50.05.129", 4 },
        { "005.05.50.H15", "005.05.50.H15", "H15.50.05.05", 4 },
        { "000.12.50.H15", "000.12.50.H15", "H15.50.12", 3 },
        { "G22.01.02", "000.02.01.G22", "G22.01.02", 3 },
        { "000.00.99.K01", "000.00.99.K01", "K01.99", 2 },
    };

    /// <summary>Input and the exact reason it is refused.</summary>
    public static TheoryData<string?, string> Invalid => new()
    {
        { null, "agency_code.empty" },
        { "", "agency_code.empty" },
        { "   ", "agency_code.empty" },
        { "000.00.14", "agency_code.group_count" },
        { "000.00.00.14.H56", "agency_code.group_count" },
        { "H56.14.05.013.01", "agency_code.group_count" },
        { "14.H56", "agency_code.group_count" },
        { "00.00.14.H56", "agency_code.group_length" },
        { "000.0.14.H56", "agency_code.group_length" },
        { "000.00.144.H56", "agency_code.group_length" },
        { "H56.1", "agency_code.group_length" },
        { "H56.014", "agency_code.group_length" },
        { "H56.14.05.1234", "agency_code.group_length" },
        { "H56..14", "agency_code.group_length" },
        { "H56.", "agency_code.group_length" },
        { "0A0.00.14.H56", "agency_code.digits" },
        { "000.00.1X.H56", "agency_code.digits" },
        { "H56.1A", "agency_code.digits" },
        { "000.00.14.X56", "agency_code.level1_kind" },
        { "000.00.14.156", "agency_code.level1_kind" },
        { "X56.14", "agency_code.level1_kind" },
        { "000.00.14.H5", "agency_code.level1_number" },
        { "000.00.14.H5A", "agency_code.level1_number" },
        { "000.00.00.H00", "agency_code.level1_number" },
        { "H5.14", "agency_code.level1_number" },
        { "H56-14", "agency_code.level1_number" },
        { "000.05.00.H56", "agency_code.hierarchy" },
        { "001.00.14.H56", "agency_code.hierarchy" },
        { "H56.00.05", "agency_code.hierarchy" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_ValidCode_NormalisesToCanonicalAndShortForm(string input, string value, string shortForm, int level)
    {
        Assert.True(AgencyCode.TryParse(input, out var code, out var error));

        Assert.Null(error);
        Assert.True(code.HasCanonicalForm);
        Assert.Equal(value, code.Value);
        Assert.Equal(value, code.ToString());
        Assert.Equal(shortForm, code.ShortForm);
        Assert.Equal(level, code.Level);
        Assert.Equal(shortForm[..3], code.Level1);
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_CanonicalAndShortForm_RoundTripToTheSameCode(string input, string value, string shortForm, int level)
    {
        var code = AgencyCode.Parse(input);

        Assert.Equal(code, AgencyCode.Parse(value));
        Assert.Equal(code, AgencyCode.Parse(shortForm));
        Assert.Equal(code, AgencyCode.Parse(code.ShortForm));
        Assert.Equal(level, AgencyCode.Parse(code.ShortForm).Level);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryParse_InvalidCode_ReportsExactReason(string? input, string reason)
    {
        Assert.False(AgencyCode.TryParse(input, out var code, out var error));

        Assert.Equal(default, code);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(string.Empty, error.Field);
        Assert.Contains(error, CodeErrorsTests.Catalogue);
    }

    [Theory]
    [InlineData("H21.129", "H21", 2)]
    [InlineData("h21.129", "H21", 2)]
    [InlineData("H21.129.00", "H21", 2)]
    [InlineData("H21.129.05", "H21", 3)]
    [InlineData("H21.10.129", "H21", 3)]
    [InlineData("H21.129.05.013", "H21", 4)]
    public void TryParse_ThreeDigitUpperGroup_IsShortOnlyCode(string input, string level1, int level)
    {
        Assert.True(AgencyCode.TryParse(input, out var code, out _));

        Assert.False(code.HasCanonicalForm);
        Assert.Equal(code.ShortForm, code.Value);
        Assert.Equal(level1, code.Level1);
        Assert.Equal(level, code.Level);
        Assert.Equal(code, AgencyCode.Parse(code.Value));
    }

    [Fact]
    public void ShortForm_GiaLaiShortOnlyCode_KeepsTheThreeDigitGroup()
    {
        var code = AgencyCode.Parse("H21.129");

        Assert.Equal("H21.129", code.Value);
        Assert.Equal(AgencyKind.ProvincialPeoplesCommittee, code.Kind);
        Assert.Equal(AgencyCode.Parse("000.00.00.H21"), code.Parent);
    }

    [Theory]
    [InlineData("000.00.14.H56", AgencyKind.ProvincialPeoplesCommittee)]
    [InlineData("000.00.00.K54", AgencyKind.ProvincialPeoplesCouncil)]
    [InlineData("G22", AgencyKind.Ministry)]
    public void Kind_Level1Letter_GivesTheKindOfUnit(string input, AgencyKind kind) =>
        Assert.Equal(kind, AgencyCode.Parse(input).Kind);

    [Fact]
    public void Parent_LevelFourUnit_WalksUpToLevelOne()
    {
        var code = AgencyCode.Parse("013.05.50.H15");

        var chain = new List<string>();
        for (AgencyCode? c = code; c is { } current; c = current.Parent)
        {
            chain.Add(current.Value);
        }

        Assert.Equal(["013.05.50.H15", "000.05.50.H15", "000.00.50.H15", "000.00.00.H15"], chain);
    }

    [Fact]
    public void TryParse_AlreadyCanonicalText_ReusesTheInputString()
    {
        var text = "000.00.14.H56";

        Assert.Same(text, AgencyCode.Parse(text).Value);
    }

    [Fact]
    public void Parse_InvalidCode_ThrowsCatalogueErrorWithReason()
    {
        var ex = Assert.Throws<LgspException>(() => AgencyCode.Parse("000.00.14.X56"));

        Assert.Same(ErrorCatalogue.InvalidAgencyCode, ex.Error);
        Assert.Equal("agency_code.level1_kind", Assert.Single(ex.FieldErrors).Reason);
    }

    [Fact]
    public void IParsable_GenericParse_UsesTheSameRules()
    {
        Assert.Equal(AgencyCode.Parse("H56.14"), ParseVia<AgencyCode>("000.00.14.H56"));
        Assert.False(TryParseVia<AgencyCode>("H56.1"));
    }

    [Fact]
    public void Default_HasEmptyValue()
    {
        AgencyCode code = default;

        Assert.Equal(string.Empty, code.Value);
        Assert.Equal(string.Empty, code.ToString());
    }

    internal static T ParseVia<T>(string text)
        where T : IParsable<T> => T.Parse(text, null);

    internal static bool TryParseVia<T>(string text)
        where T : IParsable<T> => T.TryParse(text, null, out _);
}
