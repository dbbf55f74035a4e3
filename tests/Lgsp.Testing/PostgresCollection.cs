using Xunit;

namespace Lgsp.Testing;

/// <summary>
/// One PostgreSQL server per test assembly, shared by every test class in the "postgres" collection.
/// A test project opts in by declaring <c>[CollectionDefinition(PostgresCollection.Name)] class X : ICollectionFixture&lt;PostgresFixture&gt;;</c>.
/// </summary>
public static class PostgresCollection
{
    public const string Name = "postgres";
}

public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL has not started.");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
