using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;
using Lgsp.Core.Time;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Core.Tests.Dossiers;

public sealed class DossierTimelineTests
{
    private static readonly DateTimeOffset Received = At("20250812080000");
    private static readonly DateTimeOffset Due = At("20250815170000");

    // ---- creation ----

    public static TheoryData<DossierStatus, DateTimeOffset?, DateTimeOffset?, DateTimeOffset?> ConsistentTimelines() => new()
    {
        { DossierStatus.Registered, null, null, null },
        { DossierStatus.Accepted, Received, Due, null },
        { DossierStatus.Refused, null, null, null },
        // Issue #13 item 1 (was inconsistent): refused at the desk after it took the dossier in, as TD-DVC syncs it.
        { DossierStatus.Refused, Received, null, null },
        { DossierStatus.Processing, Received, null, null },
        { DossierStatus.SupplementRequested, Received, Due, null },
        { DossierStatus.FinancialObligation, Received, Due, null },
        { DossierStatus.Withdrawn, null, null, null },
        { DossierStatus.Withdrawn, Received, Due, At("20250813090000") },
        { DossierStatus.Stopped, Received, Due, null },
        { DossierStatus.Resolved, Received, Due, Due },
        { DossierStatus.ResultReturned, Received, null, At("20250812080000") },
    };

    [Theory]
    [MemberData(nameof(ConsistentTimelines))]
    public void TryCreate_ConsistentStatusAndDates_Succeeds(DossierStatus status, DateTimeOffset? received, DateTimeOffset? due, DateTimeOffset? ended)
    {
        Assert.True(DossierTimeline.TryCreate(status, received, due, ended, out var timeline, out var errors));
        Assert.Empty(errors);
        Assert.Equal((status, received, due, ended), (timeline.Status, timeline.ReceivedAt, timeline.DueAt, timeline.ProcessingEndedAt));
    }

    public static TheoryData<DossierStatus, DateTimeOffset?, DateTimeOffset?, DateTimeOffset?, string, string> InconsistentTimelines() => new()
    {
        { DossierStatus.Accepted, null, Due, null, "receivedAt", "received_at.missing" },
        { DossierStatus.Stopped, null, null, null, "receivedAt", "received_at.missing" },
        { DossierStatus.Registered, Received, null, null, "receivedAt", "received_at.unexpected" },
        { DossierStatus.Resolved, Received, Due, null, "processingEndedAt", "processing_ended_at.missing" },
        { DossierStatus.ResultReturned, Received, Due, null, "processingEndedAt", "processing_ended_at.missing" },
        { DossierStatus.Withdrawn, Received, Due, null, "processingEndedAt", "processing_ended_at.missing" },
        { DossierStatus.Withdrawn, null, null, Due, "processingEndedAt", "processing_ended_at.unexpected" },
        { DossierStatus.Processing, Received, Due, Due, "processingEndedAt", "processing_ended_at.unexpected" },
        { DossierStatus.SupplementRequested, Received, Due, Due, "processingEndedAt", "processing_ended_at.unexpected" },
        { DossierStatus.Refused, null, null, Due, "processingEndedAt", "processing_ended_at.unexpected" },
        { DossierStatus.Resolved, Received, Due, Received.AddSeconds(-1), "processingEndedAt", "processing_ended_at.before_received" },
        { DossierStatus.Processing, Received, Received.AddSeconds(-1), null, "dueAt", "due_at.before_received" },
        { (DossierStatus)0, Received, Due, null, "status", "status.unknown" },
        { (DossierStatus)11, Received, Due, null, "status", "status.range" },
    };

    [Theory]
    [MemberData(nameof(InconsistentTimelines))]
    public void TryCreate_InconsistentStatusAndDates_FailsWithThePreciseFieldError(
        DossierStatus status, DateTimeOffset? received, DateTimeOffset? due, DateTimeOffset? ended, string field, string reason)
    {
        Assert.False(DossierTimeline.TryCreate(status, received, due, ended, out var timeline, out var errors));
        Assert.Null(timeline);
        var error = Assert.Single(errors);
        Assert.Equal((field, reason), (error.Field, error.Reason));
        Assert.NotEmpty(error.MessageVi);
        Assert.NotEmpty(error.MessageEn);
    }

    [Fact]
    public void Constructor_SeveralInconsistencies_ThrowsValidationFailedNamingAllOfThem()
    {
        var ex = Assert.Throws<LgspException>(() => new DossierTimeline(DossierStatus.Resolved, null, Due, null));

        Assert.Same(ErrorCatalogue.ValidationFailed, ex.Error);
        Assert.Equal(["received_at.missing", "processing_ended_at.missing"], ex.FieldErrors.Select(e => e.Reason));
        Assert.Equal("Hồ sơ ở trạng thái 9 (Đã xử lý xong) phải có ngày tiếp nhận.", ex.FieldErrors[0].MessageVi);
        Assert.Equal("A dossier in status 9 (Resolved) must have a receipt date.", ex.FieldErrors[0].MessageEn);
    }

    [Fact]
    public void Constructor_DatesInUtc_KeepsTheInstantsInVietnamTime()
    {
        var timeline = new DossierTimeline(DossierStatus.Resolved, Received.ToUniversalTime(), Due.ToUniversalTime(), Due.ToUniversalTime());

        Assert.Equal(VietnamTime.Offset, timeline.ReceivedAt!.Value.Offset);
        Assert.Equal(VietnamTime.Offset, timeline.DueAt!.Value.Offset);
        Assert.Equal(VietnamTime.Offset, timeline.ProcessingEndedAt!.Value.Offset);
        Assert.Equal("20250812080000", VietnamTime.ToDvcqg(timeline.ReceivedAt.Value));
        Assert.Equal(Received, timeline.ReceivedAt);
    }

    // ---- timeliness of closed dossiers ----

    // Judged by calendar day in Vietnam time, as TD-DVC's 766 statistics do
    // (QuyetDinh766ChiTieuTienDoWhereBuilder: CONVERT(DATE, NgayKetThucXuLy) vs CONVERT(DATE, NgayHenTra)).
    // Changed on purpose: exact instants made 17:00:01 on the due day late.
    [Theory]
    [InlineData("20250814235959", Timeliness.Early)]
    [InlineData("20250815080000", Timeliness.OnTime)]
    [InlineData("20250815170000", Timeliness.OnTime)]
    [InlineData("20250815173000", Timeliness.OnTime)]
    [InlineData("20250815235959", Timeliness.OnTime)]
    [InlineData("20250816000000", Timeliness.Late)]
    public void GetTimeliness_ClosedAroundTheDueDay_ComparesVietnamCalendarDays(string endedAt, Timeliness expected)
    {
        var timeline = new DossierTimeline(DossierStatus.Resolved, Received, Due, At(endedAt));

        Assert.Equal(expected, timeline.GetTimeliness(Due.AddYears(1)));
        Assert.Equal(expected == Timeliness.Late, timeline.IsOverdue(Due.AddYears(1)));
    }

    [Fact]
    public void GetTimeliness_ClosedAtTheDueInstantWithAnotherOffset_IsOnTime()
    {
        var timeline = new DossierTimeline(DossierStatus.ResultReturned, Received, Due, Due.ToUniversalTime());

        Assert.Equal(Timeliness.OnTime, timeline.GetTimeliness(Due));
    }

    [Fact]
    public void GetTimeliness_ClosedOnTheDueDayInUtcButTheNextDayInVietnam_IsLate()
    {
        // 17:30 UTC on the 15th is 00:30 on the 16th in Vietnam: the day after the due day.
        var ended = new DateTimeOffset(2025, 8, 15, 17, 30, 0, TimeSpan.Zero);
        var timeline = new DossierTimeline(DossierStatus.Resolved, Received, Due, ended);

        Assert.Equal(Timeliness.Late, timeline.GetTimeliness(Due.AddYears(1)));
    }

    [Theory]
    [InlineData(DossierStatus.Withdrawn)]
    [InlineData(DossierStatus.Resolved)]
    [InlineData(DossierStatus.ResultReturned)]
    public void GetTimeliness_ClosedWithoutDueDate_IsOnTime(DossierStatus status)
    {
        var timeline = new DossierTimeline(status, Received, null, Due.AddYears(3));

        Assert.Equal(Timeliness.OnTime, timeline.GetTimeliness(Due.AddYears(5)));
        Assert.False(timeline.IsOverdue(Due.AddYears(5)));
    }

    [Fact]
    public void GetTimeliness_ClosedLate_StaysLateWhateverTheReference()
    {
        var timeline = new DossierTimeline(DossierStatus.Withdrawn, Received, Due, Due.AddDays(1));

        Assert.Equal(Timeliness.Late, timeline.GetTimeliness(Received));
        Assert.True(timeline.IsOverdue(Received));
    }

    // ---- timeliness of open dossiers, with fake time ----

    [Theory]
    [InlineData(DossierStatus.Accepted)]
    [InlineData(DossierStatus.Processing)]
    public void GetTimeliness_OpenAsTheClockPassesTheDueDay_BecomesLateOnlyTheDayAfter(DossierStatus status)
    {
        var time = new FakeTimeProvider(Due.AddSeconds(-1));
        var timeline = new DossierTimeline(status, Received, Due, null);

        Assert.Equal(Timeliness.OpenOnTime, timeline.GetTimeliness(time));
        Assert.False(timeline.IsOverdue(time));

        time.Advance(TimeSpan.FromMinutes(30)); // 17:29:59 on the due day: still on time (changed on purpose)
        Assert.Equal(Timeliness.OpenOnTime, timeline.GetTimeliness(time));
        Assert.False(timeline.IsOverdue(time));

        time.SetUtcNow(At("20250815235959"));
        Assert.Equal(Timeliness.OpenOnTime, timeline.GetTimeliness(time));

        time.Advance(TimeSpan.FromSeconds(1)); // 00:00 the day after, Vietnam time
        Assert.Equal(Timeliness.OpenLate, timeline.GetTimeliness(time));
        Assert.True(timeline.IsOverdue(time));
    }

    [Fact]
    public void GetTimeliness_OpenWithoutDueDate_IsOnTimeForever()
    {
        var time = new FakeTimeProvider(Due.AddYears(10));
        var timeline = new DossierTimeline(DossierStatus.Processing, Received, null, null);

        Assert.Equal(Timeliness.OpenOnTime, timeline.GetTimeliness(time));
        Assert.False(timeline.IsOverdue(time));
    }

    [Theory]
    [InlineData(DossierStatus.SupplementRequested)]
    [InlineData(DossierStatus.FinancialObligation)]
    [InlineData(DossierStatus.Stopped)]
    public void GetTimeliness_PausedPastTheDueDate_IsPausedAndNotOverdue(DossierStatus status)
    {
        var time = new FakeTimeProvider(Due.AddDays(30));
        var timeline = new DossierTimeline(status, Received, Due, null);

        Assert.Equal(Timeliness.Paused, timeline.GetTimeliness(time));
        Assert.False(timeline.IsOverdue(time));
    }

    // TD-DVC's 766 statistics (QuyetDinh766ChiTieuTienDoWhereBuilder.DungXuLyTrongHan): a paused dossier is on time when
    // the request for more documents (NgayYeuCauBoSung) came no later than the due date, by calendar day.
    [Theory]
    [InlineData(DossierStatus.SupplementRequested, "20250812100000", Timeliness.PausedOnTime)]
    [InlineData(DossierStatus.SupplementRequested, "20250815230000", Timeliness.PausedOnTime)]
    [InlineData(DossierStatus.SupplementRequested, "20250816000000", Timeliness.PausedLate)]
    [InlineData(DossierStatus.FinancialObligation, "20250815170500", Timeliness.PausedOnTime)]
    [InlineData(DossierStatus.Stopped, "20250820090000", Timeliness.PausedLate)]
    public void GetTimeliness_PausedWithTheRequestDate_FollowsTheRequestAgainstTheDueDay(DossierStatus status, string pausedAt, Timeliness expected)
    {
        var time = new FakeTimeProvider(Due.AddDays(30));
        var timeline = new DossierTimeline(status, Received, Due, null) { PausedAt = At(pausedAt) };

        Assert.Equal(expected, timeline.GetTimeliness(time));
        Assert.Equal(expected == Timeliness.PausedLate, timeline.IsOverdue(time));
    }

    [Fact]
    public void GetTimeliness_PausedWithoutDueDate_IsPausedOnTime()
    {
        var timeline = new DossierTimeline(DossierStatus.SupplementRequested, Received, null, null) { PausedAt = Due.AddDays(9) };

        Assert.Equal(Timeliness.PausedOnTime, timeline.GetTimeliness(Due.AddDays(30)));
    }

    [Theory]
    [InlineData(DossierStatus.Registered)]
    [InlineData(DossierStatus.Refused)]
    [InlineData(DossierStatus.Withdrawn)]
    public void GetTimeliness_NeverReceived_IsNotReceived(DossierStatus status)
    {
        var timeline = new DossierTimeline(status, null, null, null);

        Assert.Equal(Timeliness.NotReceived, timeline.GetTimeliness(Due));
        Assert.False(timeline.IsOverdue(Due));
        Assert.False(timeline.IsReceived);
    }

    [Theory]
    [InlineData(Timeliness.NotReceived, "Chưa tiếp nhận", false)]
    [InlineData(Timeliness.Early, "Trước hạn", false)]
    [InlineData(Timeliness.OnTime, "Đúng hạn", false)]
    [InlineData(Timeliness.Late, "Quá hạn", true)]
    [InlineData(Timeliness.OpenOnTime, "Đang xử lý trong hạn", false)]
    [InlineData(Timeliness.OpenLate, "Đang xử lý quá hạn", true)]
    [InlineData(Timeliness.Paused, "Tạm dừng", false)]
    [InlineData(Timeliness.PausedOnTime, "Tạm dừng trong hạn", false)]
    [InlineData(Timeliness.PausedLate, "Tạm dừng quá hạn", true)]
    public void Timeliness_EachValue_HasVietnameseNameAndOverdueFlag(Timeliness value, string vi, bool overdue)
    {
        Assert.Equal(vi, value.NameVi());
        Assert.NotEmpty(value.NameEn());
        Assert.Equal(overdue, value.IsOverdue());
    }

    // ---- 766 period classification (August 2025, +07:00) ----

    public static TheoryData<string, DossierStatus, string?, string?, bool, bool, bool> PeriodCases() => new()
    {
        // name, status, receivedAt, processingEndedAt, carried over, received in period, closed in period
        { "received before, still open", DossierStatus.Processing, "20250720080000", null, true, false, false },
        { "received before, paused", DossierStatus.SupplementRequested, "20250731235959", null, true, false, false },
        { "received and closed before", DossierStatus.ResultReturned, "20250720080000", "20250731235959", false, false, false },
        { "received before, closed at the start instant", DossierStatus.Resolved, "20250720080000", "20250801000000", true, false, true },
        { "received before, closed after the period", DossierStatus.Resolved, "20250720080000", "20250901000000", true, false, false },
        { "received at the start instant", DossierStatus.Accepted, "20250801000000", null, false, true, false },
        { "received and closed in the period", DossierStatus.Withdrawn, "20250805080000", "20250806080000", false, true, true },
        { "received in, closed after", DossierStatus.ResultReturned, "20250831235959", "20250901000000", false, true, false },
        { "received at the end instant", DossierStatus.Accepted, "20250901000000", null, false, false, false },
        { "never received", DossierStatus.Registered, null, null, false, false, false },
        { "withdrawn before receipt", DossierStatus.Withdrawn, null, null, false, false, false },
    };

    [Theory]
    [MemberData(nameof(PeriodCases))]
    public void ClassifyIn_Month_CountsCarriedOverReceivedAndClosedExactly(
        string name, DossierStatus status, string? receivedAt, string? endedAt, bool carriedOver, bool receivedIn, bool closedIn)
    {
        var timeline = new DossierTimeline(status, receivedAt is null ? null : At(receivedAt), null, endedAt is null ? null : At(endedAt));

        var c = timeline.ClassifyIn(ReportingPeriod.Month(2025, 8));

        Assert.True(new PeriodClassification(carriedOver, receivedIn, closedIn) == c, $"{name}: {c}");
        Assert.Equal(carriedOver || receivedIn, c.InWorkload);
    }

    [Fact]
    public void ClassifyIn_PeriodGivenInUtc_UsesTheSameInstants()
    {
        var timeline = new DossierTimeline(DossierStatus.Processing, At("20250801000000"), null, null);
        var utc = new ReportingPeriod(At("20250801000000").ToUniversalTime(), At("20250901000000").ToUniversalTime());

        Assert.Equal(new PeriodClassification(false, true, false), timeline.ClassifyIn(utc));
        Assert.Equal(VietnamTime.Offset, utc.Start.Offset);
    }

    [Fact]
    public void ClassifyIn_RefusedWithAReceiptDate_CountsNowhere()
    {
        // The receipt date of a refused dossier says when the desk took it in; it was never received for processing.
        var timeline = new DossierTimeline(DossierStatus.Refused, Received, null, null);

        Assert.Equal(PeriodClassification.None, timeline.ClassifyIn(ReportingPeriod.Month(2025, 8)));
        Assert.Equal(Timeliness.NotReceived, timeline.GetTimeliness(Due));
    }

    private static DateTimeOffset At(string dvcqg) =>
        VietnamTime.TryParseDvcqg(dvcqg, out var value) ? value : throw new ArgumentException(dvcqg, nameof(dvcqg));
}
