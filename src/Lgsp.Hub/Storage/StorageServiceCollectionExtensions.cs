using Lgsp.Core.Codes;
using Lgsp.Hub.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The hub's database: SQLite (embedded default) or PostgreSQL, chosen by <c>Storage:Provider</c>.
    /// Everything else asks for <see cref="HubDbContext"/> and never knows which.
    /// </summary>
    public static IServiceCollection AddLgspStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptionsWithValidateOnStart<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations();

        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        switch (options.Provider)
        {
            case StorageProvider.Postgres:
                AddProvider<PostgresHubDbContext>(services, o => o.UseNpgsql(options.ConnectionString));
                break;
            default:
                var sqlite = ResolveSqlite(options.ConnectionString, contentRoot);
                AddProvider<SqliteHubDbContext>(services, o => o.UseSqlite(sqlite));
                break;
        }

        services.AddHostedService<StorageInitializer>();
        services.TryAddSingleton<DbDossierSequenceStore>();
        services.TryAddSingleton<IDossierSequence>(sp => sp.GetRequiredService<DbDossierSequenceStore>());
        return services;
    }

    /// <summary>
    /// Registers the provider's context behind the shared <see cref="HubDbContext"/>: scoped for request code,
    /// and a factory for singletons (relays, sequence store) that need short-lived contexts of their own.
    /// </summary>
    private static void AddProvider<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : HubDbContext
    {
        // Pooled: a request reuses a reset context instead of building one (token issuance and lookups create one per
        // request). The contexts hold no state of their own beyond their options, as pooling requires.
        services.AddPooledDbContextFactory<TContext>(configure);
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
        services.AddSingleton<IDbContextFactory<HubDbContext>, HubDbContextFactory<TContext>>();
        services.AddScoped<HubDbContext>(sp => sp.GetRequiredService<TContext>());
    }

    private sealed class HubDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<HubDbContext>
        where TContext : HubDbContext
    {
        public HubDbContext CreateDbContext() => inner.CreateDbContext();
    }

    /// <summary>Relative SQLite paths are taken from the content root, and the folder is created.</summary>
    internal static string ResolveSqlite(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        // Many readers, one writer at a time: wait rather than fail when another writer holds the lock.
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        return builder.ToString();
    }
}
