using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Storage;

/// <summary>Applies migrations before the hub starts serving (EF Core takes a migration lock per database).</summary>
internal sealed partial class StorageInitializer(IServiceProvider services, IOptions<StorageOptions> options, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStart)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while one writer commits; set once, persisted in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        LogMigrated(logger, options.Value.Provider.ToString());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Storage ready ({Provider}), migrations applied")]
    private static partial void LogMigrated(ILogger logger, string provider);
}
