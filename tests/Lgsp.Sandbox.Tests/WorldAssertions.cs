using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Data.Records;

namespace Lgsp.Sandbox.Tests;

internal static class WorldAssertions
{
    /// <summary>The citizen with this id; fails the test if the world has none.</summary>
    public static CongDan Citizen(this SyntheticWorld world, string id) =>
        world.FindCitizen(id) ?? throw new Xunit.Sdk.XunitException($"The world has no citizen {id}.");
}
