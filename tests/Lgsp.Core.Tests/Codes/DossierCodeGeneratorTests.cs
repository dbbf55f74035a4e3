using System.Collections.Concurrent;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Core.Tests.Codes;

public sealed class DossierCodeGeneratorTests
{
    private static readonly AgencyCode Agency = AgencyCode.Parse("000.00.14.H56");

    [Fact]
    public async Task NextAsync_SameDay_CountsUpFromOne()
    {
        var generator = new DossierCodeGenerator(new MemorySequence(), Clock("2026-11-24T09:00:00+07:00"));

        var first = await generator.NextAsync(Agency);
        var second = await generator.NextAsync(Agency);

        Assert.Equal("H56.14-261124-0001", first.Value);
        Assert.Equal("H56.14-261124-0002", second.Value);
        Assert.Equal(new DateOnly(2026, 11, 24), second.Date);
        Assert.Equal(2, second.Sequence);
    }

    [Fact]
    public async Task NextAsync_LastSecondOfTheVietnamDayThenMidnight_RollsToTheNextDay()
    {
        // 23:59:59 +07:00 is 16:59:59 UTC; one second later it is midnight in Vietnam but still 17:00 on the same UTC day.
        var clock = Clock("2026-11-24T23:59:59+07:00");
        var sequence = new MemorySequence();
        var generator = new DossierCodeGenerator(sequence, clock);

        var before = await generator.NextAsync(Agency);
        await generator.NextAsync(Agency);
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = await generator.NextAsync(Agency);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero), clock.GetUtcNow());
        Assert.Equal("H56.14-261124-0001", before.Value);
        Assert.Equal("H56.14-261125-0001", after.Value);
        Assert.Equal([new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 25)], sequence.Days);
    }

    [Fact]
    public async Task NextAsync_LateUtcEvening_UsesTheVietnamDateNotTheUtcDate()
    {
        var generator = new DossierCodeGenerator(new MemorySequence(), Clock("2026-12-31T18:30:00+00:00"));

        var code = await generator.NextAsync(Agency);

        Assert.Equal("H56.14-270101-0001", code.Value);
    }

    [Fact]
    public async Task NextAsync_ShortAndCanonicalFormOfOneAgency_ShareOneCounterKeyedByCanonicalValue()
    {
        var sequence = new MemorySequence();
        var generator = new DossierCodeGenerator(sequence, Clock("2026-11-24T09:00:00+07:00"));

        await generator.NextAsync(AgencyCode.Parse("H56.14"));
        var second = await generator.NextAsync(AgencyCode.Parse("000.00.14.H56"));

        Assert.Equal(2, second.Sequence);
        Assert.Equal(["000.00.14.H56"], sequence.Keys);
    }

    [Fact]
    public async Task NextAsync_ShortOnlyAgency_UsesItsShortCode()
    {
        var generator = new DossierCodeGenerator(new MemorySequence(), Clock("2025-08-12T10:00:00+07:00"));

        var code = await generator.NextAsync(AgencyCode.Parse("H21.129"));

        Assert.Equal("H21.129-250812-0001", code.Value);
    }

    [Fact]
    public async Task NextAsync_9999thCode_IsIssued()
    {
        var generator = new DossierCodeGenerator(new MemorySequence(start: 9998), Clock("2026-11-24T09:00:00+07:00"));

        var code = await generator.NextAsync(Agency);

        Assert.Equal("H56.14-261124-9999", code.Value);
    }

    [Fact]
    public async Task NextAsync_BeyondNineThousandNineHundredNinetyNine_ThrowsSequenceExhausted()
    {
        var generator = new DossierCodeGenerator(new MemorySequence(start: 9999), Clock("2026-11-24T09:00:00+07:00"));

        var ex = await Assert.ThrowsAsync<LgspException>(async () => await generator.NextAsync(Agency));

        Assert.Same(ErrorCatalogue.SequenceExhausted, ex.Error);
    }

    [Fact]
    public async Task NextAsync_DefaultAgency_Throws()
    {
        var generator = new DossierCodeGenerator(new MemorySequence(), Clock("2026-11-24T09:00:00+07:00"));

        await Assert.ThrowsAsync<ArgumentException>(async () => await generator.NextAsync(default));
    }

    private static FakeTimeProvider Clock(string now) => new(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>An in-memory counter per (agency, day), recording the keys it was asked for.</summary>
    private sealed class MemorySequence(long start = 0) : IDossierSequence
    {
        private readonly ConcurrentDictionary<(string Agency, DateOnly Day), long> _counters = new();

        public IEnumerable<string> Keys => _counters.Keys.Select(k => k.Agency).Distinct().Order(StringComparer.Ordinal);

        public IEnumerable<DateOnly> Days => _counters.Keys.Select(k => k.Day).Distinct().Order();

        public ValueTask<long> NextValueAsync(string agencyCode, DateOnly day, CancellationToken ct) =>
            ValueTask.FromResult(_counters.AddOrUpdate((agencyCode, day), start + 1, (_, v) => v + 1));
    }
}
