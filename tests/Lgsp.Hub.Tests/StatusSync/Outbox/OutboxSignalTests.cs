using Lgsp.Hub.StatusSync.Outbox;
using Lgsp.Testing;

namespace Lgsp.Hub.Tests.StatusSync.Outbox;

/// <summary>
/// The relay's idle wait: it must really wait (an idle relay once polled the database in a busy loop). Time is fake: a
/// wait that has asked for its poll-interval timer ends only when the test advances time, signals, finishes a task or
/// stops.
/// </summary>
public sealed class OutboxSignalTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly RecordingTime _time = new();
    private readonly OutboxSignal _signal = new();

    [Fact]
    public async Task WaitForWork_NothingRunningNoSignal_WaitsForThePollInterval()
    {
        var wait = _signal.WaitForWorkAsync(Poll, _time, [], CancellationToken.None);

        await _time.WaitForTimerAsync(Poll);
        Assert.False(wait.IsCompleted);
        _time.Advance(Poll);
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitForWork_Signalled_ReturnsBeforeThePollInterval()
    {
        var wait = _signal.WaitForWorkAsync(Poll, _time, [], CancellationToken.None);
        await _time.WaitForTimerAsync(Poll);
        Assert.False(wait.IsCompleted);

        _signal.Notify();

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitForWork_ARunningTaskFinishes_ReturnsAndLeavesNoSignalConsumed()
    {
        var task = new TaskCompletionSource();
        var wait = _signal.WaitForWorkAsync(Poll, _time, [task.Task], CancellationToken.None);
        await _time.WaitForTimerAsync(Poll);
        Assert.False(wait.IsCompleted);

        task.SetResult();
        await wait.WaitAsync(TimeSpan.FromSeconds(10));

        // A signal sent after the wait ended is kept for the next wait.
        _signal.Notify();
        await _signal.WaitForWorkAsync(Poll, _time, [], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitForWork_RunningTasksStillBusy_WaitsForThePollInterval()
    {
        var task = new TaskCompletionSource();
        var wait = _signal.WaitForWorkAsync(Poll, _time, [task.Task], CancellationToken.None);

        await _time.WaitForTimerAsync(Poll);
        Assert.False(wait.IsCompleted);
        _time.Advance(Poll);
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitForWork_Stopping_ReturnsAtOnce()
    {
        using var stopping = new CancellationTokenSource();
        var wait = _signal.WaitForWorkAsync(Poll, _time, [], stopping.Token);
        await _time.WaitForTimerAsync(Poll);
        Assert.False(wait.IsCompleted);

        await stopping.CancelAsync();

        // It returns (the relay's loop sees the stop); the poll interval has not passed.
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
