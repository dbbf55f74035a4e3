using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Identity;

/// <summary>
/// Loads the revocation list before the hub serves (an instance that starts knows every revocation still in force),
/// then every <see cref="HubIdentityOptions.RevocationRefreshInterval"/> on the hub's <see cref="TimeProvider"/>. A
/// failed refresh keeps the last list and is tried again at the next tick.
/// </summary>
internal sealed partial class RevokedAccessTokensRefresher(
    RevokedAccessTokens revoked,
    TimeProvider time,
    IOptions<HubIdentityOptions> options,
    ILogger<RevokedAccessTokensRefresher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await revoked.RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Made before the first await, so the timer exists once the hub has started (a test's fake clock drives it).
        using var timer = new PeriodicTimer(options.Value.RevocationRefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await revoked.RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    RefreshFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The hub is stopping.
        }
    }

    [LoggerMessage(EventId = 5502, Level = LogLevel.Warning, Message = "Refreshing the access-token revocation list failed; the last list stays in force")]
    private static partial void RefreshFailed(ILogger logger, Exception exception);
}
