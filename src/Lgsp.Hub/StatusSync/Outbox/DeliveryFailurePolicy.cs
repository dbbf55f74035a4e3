using System.Globalization;
using Lgsp.Core.StatusSync;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Lgsp.Hub.StatusSync.Outbox;

/// <summary>What a failed delivery leads to.</summary>
internal enum DeliveryAction
{
    /// <summary>The destination is switched off by the operators: wait, no attempt counted.</summary>
    Wait,

    /// <summary>Try the same event again after <see cref="DeliveryVerdict.Delay"/> (the dossier's later events wait).</summary>
    Retry,

    /// <summary>Park the event as a dead letter: refused for good, or out of attempts.</summary>
    DeadLetter,
}

/// <summary>The policy's answer to one failed delivery: what to do, when, and the reason and attempts a dead letter keeps.</summary>
internal sealed record DeliveryVerdict(DeliveryAction Action, TimeSpan Delay, int Attempts, string Reason, Exception Cause);

/// <summary>
/// The one place that decides what a failed delivery leads to, for both transports: the relay (which schedules the
/// retry in the outbox, so it survives instances) and the Kafka consumer (which holds its partition and retries in
/// process, through <see cref="RetryAsync"/>, the one Polly pipeline):
/// <list type="number">
/// <item>held (<see cref="DossierDeliveryFailedException.IsHeld"/>): wait <see cref="DossierDeliveryFailedException.HeldRetryDelay"/>, count nothing;</item>
/// <item>permanent (<see cref="DossierDeliveryFailedException.IsPermanent"/>, or a bare
/// <see cref="DossierDeliveryRejectedException"/>): dead letter at once;</item>
/// <item>otherwise count the attempt (unless the delivery counted it already); out of attempts: dead letter; else retry
/// after <c>RetryBaseDelay × 2^(attempts−1)</c>, capped at <c>RetryMaxDelay</c>, less up to <c>RetryJitter</c> of it.</item>
/// </list>
/// </summary>
internal sealed class DeliveryFailurePolicy
{
    /// <summary>The first wait after a fault of the hub's own (database, cluster); doubled after each further one.</summary>
    public static readonly TimeSpan FirstFaultDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait after a fault of the hub's own.</summary>
    public static readonly TimeSpan MaxFaultDelay = TimeSpan.FromSeconds(10);

    private static readonly ResiliencePropertyKey<int> Faults = new("lgsp.delivery.faults");

    private readonly IOptionsMonitor<StatusSyncOptions> _options;
    private readonly ResiliencePipeline<TimeSpan?> _pipeline;

    public DeliveryFailurePolicy(IOptionsMonitor<StatusSyncOptions> options, TimeProvider time)
    {
        _options = options;
        _pipeline = new ResiliencePipelineBuilder<TimeSpan?> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<TimeSpan?>
            {
                Name = "dossier-delivery",
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(!args.Context.CancellationToken.IsCancellationRequested
                    && (args.Outcome.Exception is not null || args.Outcome.Result is not null)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Result ?? FaultDelay(args.Context)),
            })
            .Build();
    }

    /// <summary>Judges one failed delivery, and counts it (the failure metric; the attempt, unless the delivery did).</summary>
    /// <param name="failure">What the publisher or the delivery threw.</param>
    /// <param name="destination">The event's destination (the metric's tag).</param>
    /// <param name="countAttempt">Counts a failed attempt the delivery did not count itself (a timeout, no destination), with its reason; returns the attempts so far.</param>
    /// <param name="maxAttempts">Attempts before a dead letter; default <see cref="StatusSyncOptions.MaxAttempts"/>.</param>
    public async Task<DeliveryVerdict> JudgeAsync(Exception failure, string destination, Func<string, Task<int>> countAttempt, int? maxAttempts = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(countAttempt);
        var o = _options.CurrentValue;
        var cause = failure is DossierDeliveryFailedException { InnerException: { } inner } ? inner : failure;
        if (failure is DossierDeliveryFailedException { IsHeld: true })
        {
            return new DeliveryVerdict(DeliveryAction.Wait, DossierDeliveryFailedException.HeldRetryDelay, 0, DossierDelivery.Describe(cause), cause);
        }

        StatusSyncTelemetry.DeliveryFailures.Add(1, new KeyValuePair<string, object?>("destination", destination));

        // A bare timeout is the caller giving up waiting (the delivery never returned), not the destination's answer.
        var reason = failure is OperationCanceledException or TimeoutException
            ? string.Create(CultureInfo.InvariantCulture, $"Timeout: no answer within {o.DeliveryTimeout}.")
            : DossierDelivery.Describe(cause);
        var attempts = failure is DossierDeliveryFailedException failed ? failed.Attempts : await countAttempt(reason);
        var permanent = failure is DossierDeliveryFailedException { IsPermanent: true } or DossierDeliveryRejectedException;
        return permanent || attempts >= (maxAttempts ?? o.MaxAttempts)
            ? new DeliveryVerdict(DeliveryAction.DeadLetter, TimeSpan.Zero, attempts, reason, cause)
            : new DeliveryVerdict(DeliveryAction.Retry, Backoff(attempts, o), attempts, reason, cause);
    }

    /// <summary>
    /// Runs <paramref name="step"/> until it is done, in process: a step returns null when done, or how long to wait
    /// before it goes again (a verdict's <see cref="DeliveryVerdict.Delay"/>); a step that throws (a fault of the hub's
    /// own: the database, the cluster) goes again after <see cref="FirstFaultDelay"/>, doubled per fault up to
    /// <see cref="MaxFaultDelay"/>. Only cancellation ends it early.
    /// </summary>
    /// <param name="onFault">Logs a fault before the step goes again.</param>
    public async Task RetryAsync(Func<CancellationToken, Task<TimeSpan?>> step, Action<Exception> onFault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(onFault);
        await _pipeline.ExecuteAsync(
            static async (state, ct) =>
            {
                try
                {
                    return await state.step(ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    state.onFault(ex);
                    throw;
                }
            },
            (step, onFault), cancellationToken);
    }

    private static TimeSpan Backoff(int attempts, StatusSyncOptions o) =>
        RetryBackoff.Delay(attempts, o.RetryBaseDelay, o.RetryMaxDelay, o.RetryJitter, Random.Shared.NextDouble());

    private static TimeSpan FaultDelay(ResilienceContext context)
    {
        var faults = context.Properties.GetValue(Faults, 0) + 1;
        context.Properties.Set(Faults, faults);
        return TimeSpan.FromTicks(Math.Min(FirstFaultDelay.Ticks << Math.Min(faults - 1, 20), MaxFaultDelay.Ticks));
    }
}
