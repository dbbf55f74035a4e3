using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Sandbox.NationalIdentity;

/// <summary>
/// OpenIddict's tables (applications, authorizations, tokens) in an in-memory SQLite database that lives as long
/// as the process: a restart forgets every code and token, as a stand-in may. A named shared-cache database lets
/// each <see cref="NationalIdentityDbContext"/> open its own connection (one connection is not thread-safe); this
/// class keeps one connection open so the database is not dropped between requests. The name is unique per host,
/// so several sandboxes in one test process never share tokens.
/// </summary>
internal sealed class NationalIdentityStore : IDisposable
{
    private readonly SqliteConnection _keepAlive;

    public NationalIdentityStore()
    {
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"national-identity-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        _keepAlive = new SqliteConnection(ConnectionString);
        _keepAlive.Open();
    }

    public string ConnectionString { get; }

    public void Dispose() => _keepAlive.Dispose();
}

/// <summary>Only OpenIddict's entities: the accounts come from the synthetic world, not from a table.</summary>
internal sealed class NationalIdentityDbContext(DbContextOptions<NationalIdentityDbContext> options) : DbContext(options);
