using Microsoft.Extensions.Options;

namespace Lgsp.Hub.StatusSync.NationalPull;

/// <summary>
/// The schedule: a pull, then a wait of <see cref="NationalDossierPullOptions.Interval"/> on the pull's clock (the
/// <see cref="TimeProvider"/> registered under <see cref="ClockKey"/>, the hub's by default; tests give fake time), again
/// until the hub stops. <see cref="NationalDossierPullOptions.Enabled"/> is read before each pull, so operators switch
/// it on and off without a restart. A pull that throws something unforeseen is logged and the schedule goes on.
/// </summary>
internal sealed partial class NationalDossierPullService(
    NationalDossierPuller puller,
    IOptionsMonitor<NationalDossierPullOptions> options,
    [FromKeyedServices(NationalDossierPullService.ClockKey)] TimeProvider clock,
    ILogger<NationalDossierPullService> logger) : BackgroundService
{
    public const string ClockKey = "national-dossier-pull";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            if (settings.Enabled)
            {
                try
                {
                    await puller.RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogPullFailed(logger, ex.GetType().Name);
                }
            }

            try
            {
                await Task.Delay(settings.Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 5406, Level = LogLevel.Error, Message = "A national dossier pull failed unexpectedly ({Error}); the schedule goes on")]
    private static partial void LogPullFailed(ILogger logger, string error);
}
