namespace Lgsp.Hub.Tests.Identity;

/// <summary>One hub on Kestrel shared by the tests of a class (each test makes its own accounts and sessions).</summary>
public sealed class IdentityHubFixture : IAsyncLifetime
{
    private IdentityHub? _hub;

    internal IdentityHub Hub => _hub ?? throw new InvalidOperationException("The hub has not started.");

    public Task InitializeAsync()
    {
        _hub = IdentityHub.StartOnSqlite();
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
