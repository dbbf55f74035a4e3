using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>
/// Takes a checkpoint every <see cref="MessageLogCheckpointOptions.Interval"/> (by the hub's <see cref="TimeProvider"/>)
/// when records are not yet covered, and a last one when the hub stops: after the requests in flight and the writer
/// have finished (the writer, registered after this, stops before it) and before the publishing stops, so a stopped
/// instance leaves no record unsigned.
/// </summary>
internal sealed partial class MessageLogCheckpointTimer(
    MessageLogCheckpoints checkpoints,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<MessageLogCheckpointTimer> logger) : BackgroundService, IHostedLifecycleService
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

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var taken = await checkpoints.TakeNowAsync(cancellationToken);
            LogFinal(logger, taken.Count == 0 ? null : taken[^1].LastId);
        }
#pragma warning disable CA1031 // Stopping all the same: the records are in the database, the next instance's checkpoint covers them.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFinalFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "Stopping: last message-log checkpoint taken (covers up to record {LastId}; none when every record was covered)")]
    private static partial void LogFinal(ILogger logger, long? lastId);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "Stopping: the last message-log checkpoint failed; the records are in the database and the next checkpoint of any instance covers them")]
    private static partial void LogFinalFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Error, Message = "The timed message-log checkpoint failed; retried at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
