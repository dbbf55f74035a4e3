using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Catalogue;

/// <summary>
/// Loads the stored copy, refreshes at start, then every <see cref="CatalogueOptions.Interval"/> after the previous
/// refresh ended, on <see cref="CatalogueClock"/>. A failed refresh is recorded and waits for the next turn.
/// </summary>
internal sealed partial class CatalogueRefreshService(
    CatalogueRefresher refresher,
    CatalogueClock clock,
    IOptionsMonitor<CatalogueOptions> options,
    ILogger<CatalogueRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await refresher.LoadAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LoadFailed(logger, ex);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            if (options.CurrentValue.Enabled)
            {
                try
                {
                    await refresher.RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database itself failed: nothing was replaced; try again next turn.
                    RefreshCrashed(logger, ex);
                }
            }

            await Task.Delay(options.CurrentValue.Interval, clock.Time, stoppingToken);
        }
    }

    [LoggerMessage(EventId = 5304, Level = LogLevel.Error, Message = "Loading the stored procedure catalogue failed")]
    private static partial void LoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5305, Level = LogLevel.Error, Message = "A procedure catalogue refresh failed in the hub")]
    private static partial void RefreshCrashed(ILogger logger, Exception exception);
}
