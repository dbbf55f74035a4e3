using System.Collections.Concurrent;

namespace Lgsp.Adapters.Sdk.Tests.Infrastructure;

/// <summary>One scripted answer of the test upstream: an HTTP status or gRPC status, after a delay, maybe with a Retry-After.</summary>
public sealed record Step(int Status = 200, int DelayMs = 0, int? RetryAfterSeconds = null, global::Grpc.Core.StatusCode? Grpc = null)
{
    public static Step Ok { get; } = new();
}

/// <summary>What the test upstream answers next: queued steps first, then <see cref="Default"/>. Counts calls.</summary>
public sealed class Script
{
    private readonly ConcurrentQueue<Step> _steps = new();
    private int _calls;

    public Step Default { get; set; } = Step.Ok;

    public int Calls => Volatile.Read(ref _calls);

    public Script Then(params Step[] steps)
    {
        foreach (var step in steps)
        {
            _steps.Enqueue(step);
        }

        return this;
    }

    public (Step Step, int Call) Next()
    {
        var call = Interlocked.Increment(ref _calls);
        return (_steps.TryDequeue(out var step) ? step : Default, call);
    }
}
