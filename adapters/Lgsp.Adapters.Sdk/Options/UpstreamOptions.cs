using System.ComponentModel.DataAnnotations;
using Polly;

namespace Lgsp.Adapters.Sdk.Options;

/// <summary>
/// How the hub calls one upstream source, bound per source from <c>Adapters:&lt;Source&gt;</c> (named options, the
/// name being the source, e.g. <c>business</c>) and validated on start with every problem listed. The resilience
/// pipeline and the client's base address are rebuilt from these when the configuration changes; a call already
/// running keeps the pipeline and client it started with.
/// </summary>
public sealed record UpstreamOptions
{
    /// <summary>The configuration section of a source: <c>Adapters:business</c> (keys are case-insensitive).</summary>
    public static string SectionFor(string source) => "Adapters:" + source;

    /// <summary>Absolute http(s) URL of the upstream (or the national gateway in front of it).</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Off: every call fails at once with <c>hub.source_disabled</c>, nothing is sent.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>One try, from sending to having read the answer.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The whole call including retries and their delays.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public UpstreamRetryOptions Retry { get; init; } = new();

    public UpstreamCircuitBreakerOptions CircuitBreaker { get; init; } = new();

    public UpstreamConcurrencyOptions Concurrency { get; init; } = new();

    /// <summary>The hub's own cap on calls per window to this upstream (its published quota); none when absent.</summary>
    public UpstreamRateLimitOptions? RateLimit { get; init; }

    /// <summary>
    /// The <em>name</em> of the environment variable (or secret) holding this source's credentials; the value is
    /// read through <see cref="Secrets.IUpstreamSecrets"/> and never logged, returned or kept in configuration files.
    /// </summary>
    [FixedByDeployment]
    public string? CredentialsSecret { get; init; }

    /// <summary>
    /// The largest answer body read from this upstream, in bytes (default 4 MiB): one byte more and the call is
    /// <c>upstream.&lt;source&gt;.bad_response</c>, a chunked answer included, before it is buffered.
    /// </summary>
    public long MaxAnswerBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary><see cref="BaseUrl"/> as a URI ending in '/', so relative paths append to it. Valid options only.</summary>
    public Uri BaseUri
    {
        get
        {
            var text = BaseUrl ?? throw new InvalidOperationException("BaseUrl is not set.");
            return new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
        }
    }
}

/// <summary>Retries of idempotent calls only, after transient failures (connection, timeout, 5xx, 408, 429).</summary>
public sealed record UpstreamRetryOptions
{
    /// <summary>Retries after the first try; 0 turns retrying off.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; init; } = 2;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap of the computed backoff.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    public DelayBackoffType BackoffType { get; init; } = DelayBackoffType.Exponential;

    public bool UseJitter { get; init; } = true;

    /// <summary>
    /// The longest <c>Retry-After</c> the hub waits for. An upstream asking for longer is not retried: the caller
    /// gets <c>rate_limited</c> at once rather than waiting on a call that would time out anyway.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>Stops calling an upstream that keeps failing; answers <c>circuit_open</c> until the break is over.</summary>
public sealed record UpstreamCircuitBreakerOptions
{
    /// <summary>Share of failed calls in the sampling window that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>Calls in the window before the ratio counts.</summary>
    [Range(2, 100_000)]
    public int MinimumThroughput { get; init; } = 10;

    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);
}

/// <summary>The hub's own protection: at most this many calls in flight to the upstream, and a bounded queue.</summary>
public sealed record UpstreamConcurrencyOptions
{
    [Range(1, 10_000)]
    public int PermitLimit { get; init; } = 32;

    [Range(0, 100_000)]
    public int QueueLimit { get; init; } = 64;
}

/// <summary>At most <see cref="PermitLimit"/> calls per <see cref="Window"/> (fixed window).</summary>
public sealed record UpstreamRateLimitOptions
{
    [Range(1, 1_000_000)]
    public int PermitLimit { get; init; } = 100;

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(1);

    [Range(0, 100_000)]
    public int QueueLimit { get; init; }
}
