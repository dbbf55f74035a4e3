using Lgsp.Sandbox.NationalIdentity;

namespace Lgsp.Sandbox.Tests.NationalIdentity;

public sealed class AssuranceLevelsTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("LoA1", 1)]
    [InlineData("LoA2", 2)]
    [InlineData("LoA2 LoA1", 1)]
    [InlineData("loa2", 2)]
    [InlineData("urn:mace:incommon:iap:silver LoA2", 2)]
    [InlineData("LoA3", 3)]
    [InlineData("LoA LoA0 LoAx", null)]
    public void Required_AcrValues_LowestListedLevel(string? acrValues, int? expected) =>
        Assert.Equal(expected, AssuranceLevels.Required(acrValues));

    [Theory]
    [InlineData(1, null, true)]
    [InlineData(1, 1, true)]
    [InlineData(1, 2, false)]
    [InlineData(2, 2, true)]
    [InlineData(2, 3, false)]
    public void Meets_LevelAgainstRequirement_OnlyWhenAtLeastAsHigh(int level, int? required, bool expected) =>
        Assert.Equal(expected, AssuranceLevels.Meets((AssuranceLevel)level, required));
}
