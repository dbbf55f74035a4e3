namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// One hub for all tests of a class (created by the first test, with the database its collection provides),
/// disposed after the last. For suites whose tests only read or are refused, where a hub per test buys nothing.
/// </summary>
public sealed class SharedHub : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StatusSyncHub? _hub;

    internal async Task<StatusSyncHub> GetAsync(Func<Task<StatusSyncHub>> create)
    {
        await _gate.WaitAsync();
        try
        {
            return _hub ??= await create();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        _gate.Dispose();
    }
}
