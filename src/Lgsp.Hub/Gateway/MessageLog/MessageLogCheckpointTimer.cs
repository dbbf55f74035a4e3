using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>Takes a checkpoint every <see cref="MessageLogCheckpointOptions.Interval"/> (by the hub's <see cref="TimeProvider"/>) when records are not yet covered.</summary>
internal sealed partial class MessageLogCheckpointTimer(
    MessageLogCheckpoints checkpoints,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<MessageLogCheckpointTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.MessageLog.Checkpoints.Interval;
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, stoppingToken);
                try
                {
                    await checkpoints.TakeNowAsync(stoppingToken);
                }
#pragma warning disable CA1031 // A failed check (database away) is retried at the next interval.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 2105, Level = LogLevel.Error, Message = "The timed message-log checkpoint failed; retried at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
