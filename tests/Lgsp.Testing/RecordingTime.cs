using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Testing;

/// <summary>
/// Fake time, starting now (so certificates and tokens stay valid) and moving only when the test advances it, that
/// records every wait the code under test asks for: a retry's delay, a timeout. A test waits until the wait it expects
/// has been asked for, checks its length, then advances.
/// </summary>
public sealed class RecordingTime : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(TimeProvider.System.GetUtcNow());
    private readonly ConcurrentQueue<TimeSpan> _asked = new();

    /// <summary>Every timer's due time, in the order they were created.</summary>
    public IReadOnlyCollection<TimeSpan> Asked => _asked;

    public void Advance(TimeSpan by) => _fake.Advance(by);

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
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
