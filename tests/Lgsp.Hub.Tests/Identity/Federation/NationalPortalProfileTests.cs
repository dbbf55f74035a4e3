using System.Security.Claims;
using Lgsp.Core.Errors;
using Lgsp.Hub.Identity.Accounts;
using Lgsp.Hub.Identity.Federation;

namespace Lgsp.Hub.Tests.Identity.Federation;

/// <summary>What the hub accepts from the national provider's claims, and how it refuses the rest.</summary>
public sealed class NationalPortalProfileTests
{
    private const string TechId = "38c4a97d-3126-4fec-933f-c0df734a3b11";
    private const string PersonalId = "079095443443";
    private const string EnterpriseCode = "0370457351";

    [Fact]
    public void From_Citizen_ReadsIdentifiersNameAndLevel()
    {
        var profile = NationalPortalProfile.From(Principal(("LoaiTaiKhoan", "1"), ("TechID", TechId), ("SoDinhDanh", PersonalId),
            ("HoVaTen", " Nguyễn Quốc Kiên "), ("acr", "LoA2")));

        Assert.Equal(AccountKind.Citizen, profile.Kind);
        Assert.Equal(TechId, profile.TechId);
        Assert.Equal(PersonalId, profile.PersonalId);
        Assert.Null(profile.EnterpriseCode);
        Assert.Equal("Nguyễn Quốc Kiên", profile.FullName);
        Assert.Equal(2, profile.AssuranceLevel);
    }

    [Fact]
    public void From_Business_ReadsEnterpriseCodeAndRepresentative()
    {
        var profile = NationalPortalProfile.From(Principal(("LoaiTaiKhoan", "2"), ("TechID", TechId), ("MaSoDoanhNghiep", EnterpriseCode),
            ("TenDoanhNghiep", "CÔNG TY TNHH CƠ KHÍ ĐỨC MINH"), ("SoDinhDanh", PersonalId), ("HoVaTen", "Lê Anh Quân"), ("loAs", "LoA2")));

        Assert.Equal(AccountKind.Organization, profile.Kind);
        Assert.Equal(EnterpriseCode, profile.EnterpriseCode);
        Assert.Equal(PersonalId, profile.PersonalId);
        Assert.Equal("CÔNG TY TNHH CƠ KHÍ ĐỨC MINH", profile.EnterpriseName);
        Assert.Equal(2, profile.AssuranceLevel);
    }

    [Fact]
    public void From_BusinessWithTaxCodeOnly_UsesIt()
    {
        var profile = NationalPortalProfile.From(Principal(("LoaiTaiKhoan", "2"), ("TechID", TechId), ("MaSoThue", EnterpriseCode), ("HoVaTen", "Lê Anh Quân")));

        Assert.Equal(EnterpriseCode, profile.EnterpriseCode);
    }

    [Theory]
    [InlineData("LoA1", null, null, 1)]
    [InlineData(null, "LoA2", null, 2)]
    [InlineData(null, null, "2", 2)]
    [InlineData(null, null, null, 1)]
    [InlineData("LoA3", null, null, 2)]
    [InlineData("urn:other", "LoA2", null, 2)]
    public void From_Level_AcrThenLoAsThenIalCappedAtSubstantial(string? acr, string? loAs, string? ial, int expected)
    {
        var claims = new List<(string, string)> { ("LoaiTaiKhoan", "1"), ("TechID", TechId), ("SoDinhDanh", PersonalId), ("HoVaTen", "A") };
        if (acr is not null)
        {
            claims.Add(("acr", acr));
        }

        if (loAs is not null)
        {
            claims.Add(("loAs", loAs));
        }

        if (ial is not null)
        {
            claims.Add(("IAL", ial));
        }

        Assert.Equal(expected, NationalPortalProfile.From(Principal([.. claims])).AssuranceLevel);
    }

    [Fact]
    public void From_NothingUsable_ListsEveryProblemAsAnUpstreamBadResponse()
    {
        var error = Assert.Throws<LgspException>(() => NationalPortalProfile.From(Principal(("sub", "x"))));

        Assert.Equal("upstream.nationalidentity.bad_response", error.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, error.Error.Origin);
        Assert.Equal(["account_type.missing", "full_name.missing", "tech_id.missing"], error.FieldErrors.Select(e => e.Reason).Order(StringComparer.Ordinal));
        Assert.All(error.FieldErrors, e => Assert.False(string.IsNullOrWhiteSpace(e.MessageVi)));
    }

    [Theory]
    [InlineData("1", "SoDinhDanh", "07909544344")]
    [InlineData("1", "SoDinhDanh", "079095443443x")]
    [InlineData("1", "SoDinhDanh", "123456789")]
    [InlineData("2", "MaSoDoanhNghiep", "0370457350")]
    [InlineData("2", "MaSoDoanhNghiep", "12345")]
    [InlineData("3", "LoaiTaiKhoan", "3")]
    public void From_MalformedIdentifier_RefusedWithTheFieldNamed(string type, string field, string value)
    {
        var claims = new List<(string, string)> { ("LoaiTaiKhoan", type), ("TechID", TechId), ("HoVaTen", "A"), ("SoDinhDanh", PersonalId), ("MaSoDoanhNghiep", EnterpriseCode) };
        claims.RemoveAll(c => c.Item1 == field);
        claims.Add((field, value));

        var error = Assert.Throws<LgspException>(() => NationalPortalProfile.From(Principal([.. claims])));

        Assert.Equal("upstream.nationalidentity.bad_response", error.Error.Code);
        Assert.Contains(error.FieldErrors, e => e.Field == field);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\there")]
    public void From_TechIdWithWhiteSpace_Refused(string techId)
    {
        var error = Assert.Throws<LgspException>(() => NationalPortalProfile.From(Principal(("LoaiTaiKhoan", "1"), ("TechID", techId), ("SoDinhDanh", PersonalId), ("HoVaTen", "A"))));

        Assert.Equal("tech_id.format", Assert.Single(error.FieldErrors).Reason);
    }

    [Fact]
    public void From_TechIdTooLong_Refused()
    {
        var error = Assert.Throws<LgspException>(() => NationalPortalProfile.From(Principal(("LoaiTaiKhoan", "1"), ("TechID", new string('a', 129)), ("SoDinhDanh", PersonalId), ("HoVaTen", "A"))));

        Assert.Equal("tech_id.format", Assert.Single(error.FieldErrors).Reason);
    }

    [Fact]
    public void UserNameFor_SameTechId_StableValidAndNotTheTechId()
    {
        var name = NationalAccountLinker.UserNameFor(TechId);

        Assert.Equal(name, NationalAccountLinker.UserNameFor(TechId));
        Assert.NotEqual(name, NationalAccountLinker.UserNameFor(TechId + "x"));
        Assert.Matches("^dvcqg\\.[0-9a-f]{24}$", name);
        Assert.DoesNotContain(TechId, name, StringComparison.Ordinal);
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));
}
