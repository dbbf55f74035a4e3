using System.Threading.RateLimiting;
using Lgsp.Adapters.Sdk.Health;
using Lgsp.Adapters.Sdk.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace Lgsp.Adapters.Sdk.Resilience;

/// <summary>
/// The one standard pipeline every upstream call goes through, outermost first:
/// total timeout → retry (idempotent calls, and any call the upstream refused unread; jitter, <c>Retry-After</c>
/// honoured up to a cap) → circuit
/// breaker → concurrency limiter (→ optional rate limiter) → attempt timeout. HTTP and gRPC share it; only the
/// reading of outcomes (<see cref="UpstreamOutcomes{T}"/>) differs.
/// </summary>
internal static class UpstreamStrategies
{
    public const string TotalTimeoutName = "total-timeout";
    public const string RetryName = "retry";
    public const string CircuitBreakerName = "circuit-breaker";
    public const string ConcurrencyName = "concurrency-limiter";
    public const string RateLimiterName = "rate-limiter";
    public const string AttemptTimeoutName = "attempt-timeout";

    /// <param name="onDisposed">Registers clean-up for when the pipeline is replaced after a reload.</param>
    /// <param name="health">Where calls and breaker transitions are recorded for operators, under <paramref name="source"/> and <paramref name="pipelineName"/>.</param>
    public static ResiliencePipelineBuilder<T> AddUpstreamStrategies<T>(
        this ResiliencePipelineBuilder<T> builder, UpstreamOptions options, UpstreamOutcomes<T> outcomes, Action<Action> onDisposed,
        UpstreamHealth health, string source, string pipelineName)
    {
        // Outermost: every call once, with its whole duration, retries and waits included.
        builder.AddStrategy(_ => new HealthRecordingStrategy<T>(health, source, outcomes.IsFailure), new HealthRecordingOptions());
        // A pipeline is (re)built with a fresh breaker.
        health.Circuit(source, pipelineName, UpstreamCircuit.Closed);

        builder.AddTimeout(new TimeoutStrategyOptions { Name = TotalTimeoutName, Timeout = options.TotalTimeout });

        var retry = options.Retry;
        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<T>
            {
                Name = RetryName,
                MaxRetryAttempts = retry.MaxRetryAttempts,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                BackoffType = retry.BackoffType,
                UseJitter = retry.UseJitter,
                ShouldHandle = args => ValueTask.FromResult(
                    outcomes.IsTransient(args.Outcome)
                    && (outcomes.IsIdempotent(args.Context) || outcomes.NotProcessed?.Invoke(args.Outcome) == true)
                    && !(outcomes.RetryAfter(args.Outcome) > retry.MaxRetryAfter)),
                // The upstream's own word on when to come back beats our backoff; null falls back to the backoff.
                DelayGenerator = args => ValueTask.FromResult(outcomes.RetryAfter(args.Outcome)),
            });
        }

        var breaker = options.CircuitBreaker;
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<T>
        {
            Name = CircuitBreakerName,
            FailureRatio = breaker.FailureRatio,
            MinimumThroughput = breaker.MinimumThroughput,
            SamplingDuration = breaker.SamplingDuration,
            BreakDuration = breaker.BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(outcomes.IsFailure(args.Outcome)),
            OnOpened = args =>
            {
                health.Circuit(source, pipelineName, args.IsManual ? UpstreamCircuit.Isolated : UpstreamCircuit.Open);
                return default;
            },
            OnHalfOpened = _ =>
            {
                health.Circuit(source, pipelineName, UpstreamCircuit.HalfOpen);
                return default;
            },
            OnClosed = _ =>
            {
                health.Circuit(source, pipelineName, UpstreamCircuit.Closed);
                return default;
            },
        });

        builder.AddConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Concurrency.PermitLimit,
            QueueLimit = options.Concurrency.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        if (options.RateLimit is { } rate)
        {
            var limiter = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
            {
                PermitLimit = rate.PermitLimit,
                Window = rate.Window,
                QueueLimit = rate.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
            onDisposed(limiter.Dispose);
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                Name = RateLimiterName,
                RateLimiter = args => limiter.AcquireAsync(1, args.Context.CancellationToken),
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Name = AttemptTimeoutName, Timeout = options.AttemptTimeout });
        return builder;
    }

    /// <summary>Failures of the pipeline itself that never count as the upstream's: the hub's own limiter, an open circuit.</summary>
    public static bool IsHubSide(Exception? exception) => exception is RateLimiterRejectedException or BrokenCircuitException;
}

/// <summary>Options of the (option-less) health-recording step; its name shows in Polly's telemetry.</summary>
internal sealed class HealthRecordingOptions : ResilienceStrategyOptions
{
    public HealthRecordingOptions() => Name = "health";
}
