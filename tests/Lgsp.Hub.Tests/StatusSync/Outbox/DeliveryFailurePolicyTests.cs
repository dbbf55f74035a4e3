using System.Threading.Channels;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.StatusSync;
using Lgsp.Hub.StatusSync.Outbox;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Hub.Tests.StatusSync.Outbox;

/// <summary>
/// The failure policy the relay and the Kafka consumer share, and its one retry pipeline, on fake time: each wait is
/// observed as the timer it sets, and the clock is moved only then.
/// </summary>
public sealed class DeliveryFailurePolicyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static DeliveryFailurePolicy Policy(TimeProvider time, int maxAttempts = 4) =>
        new(new FixedOptions(new StatusSyncOptions
        {
            MaxAttempts = maxAttempts,
            RetryBaseDelay = TimeSpan.FromSeconds(2),
            RetryMaxDelay = TimeSpan.FromMinutes(10),
            RetryJitter = 0,
            DeliveryTimeout = TimeSpan.FromSeconds(30),
        }), time);

    private static Task<int> NotCounted(string reason) => throw new InvalidOperationException("counted: " + reason);

    [Fact]
    public async Task JudgeAsync_DestinationRefusedForGood_DeadLetterAtOnce()
    {
        var policy = Policy(new FakeTimeProvider());
        var refused = new DossierDeliveryFailedException(1, new DossierDeliveryRejectedException("DVCQG error_code 3: MaTTHC không tồn tại"));
        Assert.True(refused.IsPermanent);

        var verdict = await policy.JudgeAsync(refused, SyncSides.Dvcqg, NotCounted);

        Assert.Equal((DeliveryAction.DeadLetter, 1), (verdict.Action, verdict.Attempts));
        Assert.IsType<DossierDeliveryRejectedException>(verdict.Cause);
        Assert.Equal("DossierDeliveryRejectedException: DVCQG error_code 3: MaTTHC không tồn tại", verdict.Reason);
    }

    [Fact]
    public async Task JudgeAsync_PublisherThrowsARefusalItself_CountedOnceAndDeadLetterAtOnce()
    {
        var policy = Policy(new FakeTimeProvider());
        var counted = new List<string>();

        var verdict = await policy.JudgeAsync(new DossierDeliveryRejectedException("refused"), SyncSides.Dvcqg, reason =>
        {
            counted.Add(reason);
            return Task.FromResult(1);
        });

        Assert.Equal((DeliveryAction.DeadLetter, 1), (verdict.Action, verdict.Attempts));
        Assert.Equal(["DossierDeliveryRejectedException: refused"], counted);
    }

    [Fact]
    public async Task JudgeAsync_DestinationSwitchedOff_WaitsWithoutCountingAnAttempt()
    {
        var policy = Policy(new FakeTimeProvider());
        var held = new DossierDeliveryFailedException(0, new InvalidOperationException("switched off"), held: true);

        var verdict = await policy.JudgeAsync(held, SyncSides.Dvcqg, NotCounted);

        Assert.Equal((DeliveryAction.Wait, DossierDeliveryFailedException.HeldRetryDelay), (verdict.Action, verdict.Delay));
    }

    [Fact]
    public async Task JudgeAsync_NoAnswerInTime_CountsAnAttemptWithTheTimeoutAsReason()
    {
        var policy = Policy(new FakeTimeProvider());
        string? counted = null;

        var verdict = await policy.JudgeAsync(new TimeoutException("The operation has timed out."), SyncSides.Provincial, reason =>
        {
            counted = reason;
            return Task.FromResult(2);
        });

        Assert.Equal("Timeout: no answer within 00:00:30.", counted);
        Assert.Equal((DeliveryAction.Retry, TimeSpan.FromSeconds(4), 2), (verdict.Action, verdict.Delay, verdict.Attempts));
    }

    [Fact]
    public async Task JudgeAsync_TransportsOwnMaximum_DeadLetterWhenItIsReached()
    {
        var policy = Policy(new FakeTimeProvider(), maxAttempts: 10);
        var failed = new DossierDeliveryFailedException(3, new HttpRequestException("DVCQG answered 503"));

        Assert.Equal(DeliveryAction.Retry, (await policy.JudgeAsync(failed, SyncSides.Dvcqg, NotCounted)).Action);
        Assert.Equal(DeliveryAction.DeadLetter, (await policy.JudgeAsync(failed, SyncSides.Dvcqg, NotCounted, maxAttempts: 3)).Action);
    }

    [Fact]
    public async Task RetryAsync_TransientFailures_RetriedOnTheScheduleUntilAttemptsRunOutThenDeadLetter()
    {
        var time = new WatchedTime();
        var policy = Policy(time, maxAttempts: 4);
        var attempts = 0;
        DeliveryVerdict? dead = null;

        var run = policy.RetryAsync(async _ =>
        {
            var failure = new DossierDeliveryFailedException(++attempts, new HttpRequestException("DVCQG answered 503"));
            var verdict = await policy.JudgeAsync(failure, SyncSides.Dvcqg, NotCounted);
            if (verdict.Action == DeliveryAction.DeadLetter)
            {
                dead = verdict;
                return null;
            }

            return verdict.Delay;
        }, ex => Assert.Fail("not a fault: " + ex), CancellationToken.None);

        // RetryBaseDelay 2 s, doubled per attempt, no jitter: the 2nd attempt 2 s after the 1st, then 4 s, then 8 s.
        foreach (var (wait, before) in new[] { (2, 1), (4, 2), (8, 3) })
        {
            Assert.Equal(TimeSpan.FromSeconds(wait), await time.NextTimerAsync().WaitAsync(Patience));
            Assert.Equal(before, attempts);
            time.Fake.Advance(TimeSpan.FromSeconds(wait) - TimeSpan.FromMilliseconds(1));
            Assert.Equal(before, attempts);
            time.Fake.Advance(TimeSpan.FromMilliseconds(1));
        }

        await run.WaitAsync(Patience);
        Assert.Equal(4, attempts);
        Assert.NotNull(dead);
        Assert.Equal((DeliveryAction.DeadLetter, 4), (dead.Action, dead.Attempts));
        Assert.Equal("HttpRequestException: DVCQG answered 503", dead.Reason);
    }

    [Fact]
    public async Task RetryAsync_FaultsOfTheHubsOwn_RetriedAfterDoublingWaitsAndLogged()
    {
        var time = new WatchedTime();
        var policy = Policy(time);
        var calls = 0;
        var faults = new List<string>();

        var run = policy.RetryAsync(_ => ++calls <= 3
                ? throw new InvalidOperationException("database away " + calls)
                : Task.FromResult<TimeSpan?>(null),
            ex => faults.Add(ex.Message), CancellationToken.None);

        foreach (var wait in new[] { 200, 400, 800 })
        {
            Assert.Equal(TimeSpan.FromMilliseconds(wait), await time.NextTimerAsync().WaitAsync(Patience));
            time.Fake.Advance(TimeSpan.FromMilliseconds(wait));
        }

        await run.WaitAsync(Patience);
        Assert.Equal(4, calls);
        Assert.Equal(["database away 1", "database away 2", "database away 3"], faults);
    }

    [Fact]
    public async Task RetryAsync_StoppedWhileWaiting_EndsWithCancellation()
    {
        var time = new WatchedTime();
        var policy = Policy(time);
        using var stopping = new CancellationTokenSource();
        var calls = 0;

        var run = policy.RetryAsync(_ =>
        {
            calls++;
            return Task.FromResult<TimeSpan?>(DossierDeliveryFailedException.HeldRetryDelay);
        }, ex => Assert.Fail("not a fault: " + ex), stopping.Token);
        Assert.Equal(DossierDeliveryFailedException.HeldRetryDelay, await time.NextTimerAsync().WaitAsync(Patience));
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Patience));
        Assert.Equal(1, calls);
    }

    private sealed class FixedOptions(StatusSyncOptions value) : IOptionsMonitor<StatusSyncOptions>
    {
        public StatusSyncOptions CurrentValue => value;

        public StatusSyncOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<StatusSyncOptions, string?> listener) => null;
    }

    /// <summary>Fake time that reports each timer as it is set, so a test moves the clock only once a wait began.</summary>
    private sealed class WatchedTime : TimeProvider
    {
        private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

        public FakeTimeProvider Fake { get; } = new();

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override long GetTimestamp() => Fake.GetTimestamp();

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = Fake.CreateTimer(callback, state, dueTime, period);
            _timers.Writer.TryWrite(dueTime);
            return timer;
        }

        public Task<TimeSpan> NextTimerAsync() => _timers.Reader.ReadAsync().AsTask();
    }
}
