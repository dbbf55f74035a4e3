using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Testing;

/// <summary>
/// Time that records every wait the code under test asks for (a retry's delay, a timeout), so a test checks the wait
/// asked for instead of timing the call. By default it is fake time, starting now (so certificates and tokens stay
/// valid) and moving only when the test advances it: a test waits until the wait it expects has been asked for, checks
/// its length, then advances. Over <see cref="TimeProvider.System"/> it only records (for a wait a real clock must see
/// pass, e.g. a stand-in's quota refilling).
/// </summary>
public sealed class RecordingTime(TimeProvider? inner = null) : TimeProvider
{
    private readonly TimeProvider _inner = inner ?? new FakeTimeProvider(TimeProvider.System.GetUtcNow());
    private readonly ConcurrentQueue<TimeSpan> _asked = new();

    /// <summary>Every timer's due time, in the order they were created.</summary>
    public IReadOnlyCollection<TimeSpan> Asked => _asked;

    /// <summary>Moves fake time on, firing the timers that fall due.</summary>
    public void Advance(TimeSpan by)
    {
        if (_inner is not FakeTimeProvider fake)
        {
            throw new InvalidOperationException("Only fake time can be advanced.");
        }

        fake.Advance(by);
    }

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _inner.CreateTimer(callback, state, dueTime, period);
        _asked.Enqueue(dueTime);
        return timer;
    }

    /// <summary>Waits until a timer of exactly <paramref name="dueTime"/> has been asked for.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!_asked.Contains(dueTime))
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
