using System.Text.Json.Nodes;
using Lgsp.Cli.Clients;
using Lgsp.Cli.Hub;

namespace Lgsp.Cli.Tests.Clients;

public sealed class AccessRightsPatchTests
{
    [Fact]
    public void Build_AgencyGrantsAndFields_BecomeTheContractsKeys()
    {
        var patch = AccessRightsPatch.Build(new AccessRightsChanges(
            Agency: "000.00.14.H56",
            Grants: ["land=1.004227,2.000488", "insurance=1.001193", "business=*"],
            Fields: ["insurance=fullName,periods.from"]));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            { "agencyCode": "000.00.14.H56",
              "services": { "land": { "purposes": ["1.004227", "2.000488"] },
                            "insurance": { "purposes": ["1.001193"], "fields": ["fullName", "periods.from"] },
                            "business": { "purposes": ["*"] } } }
            """), patch), patch.ToJsonString());
    }

    [Fact]
    public void Build_AllFields_SendsNullFieldsForTheWholeRecord()
    {
        var patch = AccessRightsPatch.Build(new AccessRightsChanges(AllFields: ["insurance"]));

        Assert.Equal("""{"services":{"insurance":{"fields":null}}}""", patch.ToJsonString());
    }

    [Fact]
    public void Build_Revoke_SendsNullForTheSource()
    {
        var patch = AccessRightsPatch.Build(new AccessRightsChanges(Revokes: ["land", "civilregistry"]));

        Assert.Equal("""{"services":{"land":null,"civilregistry":null}}""", patch.ToJsonString());
    }

    [Fact]
    public void Build_FieldsWithoutGrant_PatchesOnlyTheFields()
    {
        var patch = AccessRightsPatch.Build(new AccessRightsChanges(Fields: ["population=hoTen,ngaySinh"]));

        Assert.Equal("""{"services":{"population":{"fields":["hoTen","ngaySinh"]}}}""", patch.ToJsonString());
    }

    [Fact]
    public void Build_DuplicatePurposes_AreSentOnce()
    {
        var patch = AccessRightsPatch.Build(new AccessRightsChanges(Grants: ["land=a,b,a"]));

        Assert.Equal("""["a","b"]""", patch["services"]!["land"]!["purposes"]!.ToJsonString());
    }

    [Fact]
    public void Build_SetAfterAGrant_MergesCaseInsensitivelyAndTheLaterWins()
    {
        var patch = AccessRightsPatch.Build(new AccessRightsChanges(
            Grants: ["Land=a"], Sets: ["services.land.purposes=[\"b\"]", "services.LAND.fields=[\"x\"]"]));

        var land = Assert.IsType<JsonObject>(Assert.Single(Assert.IsType<JsonObject>(patch["services"])).Value);
        Assert.Equal("""{"purposes":["b"],"fields":["x"]}""", land.ToJsonString());
    }

    [Fact]
    public void Build_EveryContradictionAndBadForm_IsReportedAtOnce()
    {
        var failure = Assert.Throws<CliFailure>(() => AccessRightsPatch.Build(new AccessRightsChanges(
            Agency: " ",
            Grants: ["land=a", "Land=b", "insurance=*,1.001193", "noequals", "business=", "population=a,,b", "=x"],
            Fields: ["business=name", "civilregistry=x"],
            AllFields: ["business", "bad.source"],
            Revokes: ["land", "civilregistry"],
            Sets: ["=1"])));

        Assert.Equal(ExitCodes.Usage, failure.ExitCode);
        Assert.Contains(failure.Details, d => d.StartsWith("--agency", StringComparison.Ordinal));
        Assert.Contains(failure.Details, d => d.StartsWith("--grant Land: ", StringComparison.Ordinal) && d.Contains("twice", StringComparison.Ordinal));
        Assert.Contains(failure.Details, d => d.StartsWith("--grant insurance: '*'", StringComparison.Ordinal));
        Assert.Equal(4, failure.Details.Count(d => d.StartsWith("--grant: ", StringComparison.Ordinal)));
        Assert.Contains(failure.Details, d => d.StartsWith("--fields business và/and --all-fields business", StringComparison.Ordinal));
        Assert.Contains(failure.Details, d => d.StartsWith("--all-fields: ", StringComparison.Ordinal) && d.Contains("bad.source", StringComparison.Ordinal));
        Assert.Contains(failure.Details, d => d.StartsWith("--revoke land và/and --grant land", StringComparison.Ordinal));
        Assert.Contains(failure.Details, d => d.StartsWith("--revoke civilregistry và/and --fields civilregistry", StringComparison.Ordinal));
        Assert.Contains(failure.Details, d => d.StartsWith("--set", StringComparison.Ordinal));
        Assert.Equal(12, failure.Details.Count);
    }

    [Fact]
    public void Build_NothingToChange_IsAUsageError()
    {
        var failure = Assert.Throws<CliFailure>(() => AccessRightsPatch.Build(new AccessRightsChanges()));

        Assert.Equal(ExitCodes.Usage, failure.ExitCode);
        Assert.Contains("Nothing to change", failure.MessageEn, StringComparison.Ordinal);
    }
}
