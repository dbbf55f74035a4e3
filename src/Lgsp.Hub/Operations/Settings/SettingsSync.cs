using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>
/// Keeps this instance's runtime settings (adapters, access rights) on the latest stored versions: loads them before the hub serves (after the
/// migrations), then looks for a newer one every <see cref="OperationsOptions.PollInterval"/> (one indexed
/// <c>max(id)</c> query), so a change saved at any instance is in force at all of them within the interval plus a query.
/// The instance that saved a change applies it at once (<see cref="RefreshAsync"/>).
/// </summary>
internal sealed partial class SettingsSync(
    SettingsStore store, RuntimeSettings settings, IOptions<OperationsOptions> options, TimeProvider time, ILogger<SettingsSync> logger,
    DeploymentFixedSettings fixedSettings)
    : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _watermark = -1;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before any stored version is in force: what the deployment fixes is never taken from one.
        settings.Fixed = fixedSettings;
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Reads the latest versions if anything was stored since the last look, and puts them in force.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var watermark = await store.WatermarkAsync(ct);
            if (watermark == _watermark)
            {
                return;
            }

            var latest = await store.LatestAsync(ct);
            if (settings.Apply(latest))
            {
                LogInForce(latest.Count);
            }

            _watermark = watermark;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is away: keep the settings in force and look again next tick.
                LogPollFailed(ex);
            }
        }
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Runtime settings reloaded: {Count} documents changed by operators are in force")]
    private partial void LogInForce(int count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Could not look for changed adapter settings; the settings in force stay")]
    private partial void LogPollFailed(Exception exception);
}
