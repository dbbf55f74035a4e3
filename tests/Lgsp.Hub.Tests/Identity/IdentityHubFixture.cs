namespace Lgsp.Hub.Tests.Identity;

/// <summary>One hub on Kestrel shared by the tests of a class (each test makes its own accounts and sessions).</summary>
public sealed class IdentityHubFixture : IAsyncLifetime
{
    private IdentityHub? _hub;

    internal IdentityHub Hub => _hub ?? throw new InvalidOperationException("The hub has not started.");

    public Task InitializeAsync()
    {
        // Password sign-ins (level 1) may hold lgsp.admin here, as on ./run.sh's development hub, so these tests can
        // sign an operator in with a password; the level rule on its defaults is AssuranceTests' (Federation/).
        _hub = IdentityHub.StartOnSqlite(new Dictionary<string, string?> { ["Identity:MinimumAdminLevel"] = "1" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }
}
