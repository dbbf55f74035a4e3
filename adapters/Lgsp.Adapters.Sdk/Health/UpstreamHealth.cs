using System.Diagnostics;
using Lgsp.Adapters.Sdk.Faults;

namespace Lgsp.Adapters.Sdk.Health;

/// <summary>
/// What operators see of each source right now: the circuit of each of its pipelines, and the calls of the last
/// <see cref="Window"/> (count, failures, latency percentiles, the last failure). Fed by the standard pipeline (the
/// outermost step records every call with its whole duration, the breaker reports its transitions), kept in memory
/// per instance: a bounded ring of recent calls per source, so recording costs a lock and three stores.
/// </summary>
public sealed class UpstreamHealth(TimeProvider time)
{
    /// <summary>How far back the figures reach.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const int Capacity = 4096;
    private readonly Dictionary<string, SourceState> _sources = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    /// <summary>One call through the pipeline ended: <paramref name="failure"/> is null on success, else the catalogue code a caller gets.</summary>
    public void Record(string source, TimeSpan duration, string? failure)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var state = State(source);
            state.Calls[state.Next] = new Call(now, duration.TotalMilliseconds, failure is not null);
            state.Next = (state.Next + 1) % Capacity;
            state.Count = Math.Min(state.Count + 1, Capacity);
            if (failure is not null)
            {
                state.LastFailure = new UpstreamFailure(failure, now);
            }
        }
    }

    /// <summary>A pipeline's breaker changed state (a pipeline rebuilt after a change starts closed).</summary>
    public void Circuit(string source, string pipeline, UpstreamCircuit circuit)
    {
        lock (_gate)
        {
            State(source).Circuits[pipeline] = circuit;
        }
    }

    /// <summary>The figures of <paramref name="source"/> over the last <see cref="Window"/>.</summary>
    public UpstreamHealthSnapshot Snapshot(string source)
    {
        var since = time.GetUtcNow() - Window;
        lock (_gate)
        {
            if (!_sources.TryGetValue(source, out var state))
            {
                return new UpstreamHealthSnapshot(UpstreamCircuit.Unknown, 0, 0, 0, null, null, null);
            }

            var latencies = new List<double>(state.Count);
            var failures = 0;
            for (var i = 0; i < state.Count; i++)
            {
                var call = state.Calls[i];
                if (call.At >= since)
                {
                    latencies.Add(call.Milliseconds);
                    failures += call.Failed ? 1 : 0;
                }
            }

            latencies.Sort();
            // The worst circuit of the source's pipelines: one open pipeline (e.g. its token endpoint) stops the source.
            var circuit = state.Circuits.Count == 0 ? UpstreamCircuit.Unknown : state.Circuits.Values.Max();
            return new UpstreamHealthSnapshot(
                circuit, latencies.Count, failures, latencies.Count == 0 ? 0 : (double)failures / latencies.Count,
                Percentile(latencies, 0.50), Percentile(latencies, 0.95), state.LastFailure);
        }
    }

    private static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 1);

    private SourceState State(string source)
    {
        if (!_sources.TryGetValue(source, out var state))
        {
            _sources[source] = state = new SourceState();
        }

        return state;
    }

    private readonly record struct Call(DateTimeOffset At, double Milliseconds, bool Failed);

    private sealed class SourceState
    {
        public Call[] Calls { get; } = new Call[Capacity];

        public int Next { get; set; }

        public int Count { get; set; }

        public UpstreamFailure? LastFailure { get; set; }

        public Dictionary<string, UpstreamCircuit> Circuits { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>A breaker's state; ordered from best to worst.</summary>
public enum UpstreamCircuit
{
    Unknown,
    Closed,
    HalfOpen,
    Open,
    Isolated,
}

public sealed record UpstreamFailure(string Code, DateTimeOffset At);

/// <summary>A source's health over the last window; percentiles are null without calls.</summary>
public sealed record UpstreamHealthSnapshot(
    UpstreamCircuit Circuit, int Calls, int Failures, double ErrorRate, double? P50Ms, double? P95Ms, UpstreamFailure? LastFailure);

/// <summary>Times each call through the pipeline, from its first try to its last answer, and records how it ended.</summary>
internal sealed class HealthRecordingStrategy<T>(UpstreamHealth health, string source, Func<Polly.Outcome<T>, bool> isFailure)
    : Polly.ResilienceStrategy<T>
{
    protected override async ValueTask<Polly.Outcome<T>> ExecuteCore<TState>(
        Func<Polly.ResilienceContext, TState, ValueTask<Polly.Outcome<T>>> callback, Polly.ResilienceContext context, TState state)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        // The caller giving up says nothing about the upstream.
        if (outcome.Exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
        {
            return outcome;
        }

        var failure = outcome.Exception is { } exception ? UpstreamFaults.CodeOf(source, exception)
            : isFailure(outcome) ? UpstreamFaults.CodeOf(source, outcome.Result) : null;
        health.Record(source, Stopwatch.GetElapsedTime(started), failure);
        return outcome;
    }
}
