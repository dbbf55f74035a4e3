using Lgsp.Hub.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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
                services.AddDbContext<HubDbContext, PostgresHubDbContext>(o => o.UseNpgsql(options.ConnectionString));
                break;
            default:
                var sqlite = ResolveSqlite(options.ConnectionString, contentRoot);
                services.AddDbContext<HubDbContext, SqliteHubDbContext>(o => o.UseSqlite(sqlite));
                break;
        }

        services.AddHostedService<StorageInitializer>();
        return services;
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
