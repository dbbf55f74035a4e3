using System.Collections.Concurrent;

namespace Lgsp.Adapters.Sdk.Tests.Infrastructure;

/// <summary>One scripted answer of the test upstream: an HTTP status or gRPC status, after a delay, maybe with a Retry-After.</summary>
public sealed record Step(int Status = 200, int DelayMs = 0, int? RetryAfterSeconds = null, global::Grpc.Core.StatusCode? Grpc = null)
{
    public static Step Ok { get; } = new();

    /// <summary>
    /// Held until the client hangs up (its timeout or its caller's cancellation), never answered: a test that waits
    /// for the upstream to notice the hang-up then depends on no duration (a finite hold raced a slow machine).
    /// </summary>
    public static Step Hold { get; } = new(DelayMs: Timeout.Infinite);
}

/// <summary>What the test upstream answers next: queued steps first, then <see cref="Default"/>. Counts calls.</summary>
public sealed class Script
{
    private readonly ConcurrentQueue<Step> _steps = new();
    private int _calls;
    private int _abandoned;

    public Step Default { get; set; } = Step.Ok;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Calls the client gave up on (its timeout or its caller's cancellation) before the answer was written.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    public void Abandon() => Interlocked.Increment(ref _abandoned);

    /// <summary>Waits until the upstream has seen <paramref name="count"/> calls abandoned (it notices the hang-up asynchronously).</summary>
    public async Task WaitForAbandonedAsync(int count)
    {
        // Only a bound on a broken test: the held calls end when the upstream sees the hang-up, whenever that is.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (Abandoned < count)
        {
            await Task.Delay(10, deadline.Token);
        }
    }

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
