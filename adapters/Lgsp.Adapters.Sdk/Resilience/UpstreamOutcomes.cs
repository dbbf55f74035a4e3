using Polly;

namespace Lgsp.Adapters.Sdk.Resilience;

/// <summary>
/// How one protocol's outcomes read to the shared pipeline: what is worth retrying, what counts against the
/// circuit breaker, how long the upstream asked us to wait, whether the call may be repeated at all, and which
/// answers prove the upstream did not act on the request (so even a call that is not idempotent may be repeated).
/// </summary>
internal sealed record UpstreamOutcomes<T>(
    Func<Outcome<T>, bool> IsTransient,
    Func<Outcome<T>, bool> IsFailure,
    Func<Outcome<T>, TimeSpan?> RetryAfter,
    Func<ResilienceContext, bool> IsIdempotent,
    Func<Outcome<T>, bool>? NotProcessed = null);
