using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Tests.Dossiers;

public sealed class DossierStatusTransitionsTests
{
    // The expected transition table, written out independently of the production code.
    // Rows: from; columns: to. x = allowed, . = illegal.
    private const string Grid = """
                to: 1 2 3 4 5 6 7 8 9 10
         1 Registered   . x x . . . x . . .
         2 Accepted     . x . x x x x x x .
         3 Refused      . . . . . . . . . .
         4 Processing   . . . x x x x x x .
         5 Supplement   . x . x . . x x . .
         6 Financial    . . . x . . x x x .
         7 Withdrawn    . . . . . . . . . .
         8 Stopped      . . . x . . . . . x
         9 Resolved     . . . . . . . . x x
        10 Returned     . . . . . . . . . .
        """;

    private static readonly bool[,] Expected = ReadGrid();

    public static TheoryData<int, int, bool> AllPairs()
    {
        var data = new TheoryData<int, int, bool>();
        for (var from = 1; from <= 10; from++)
        {
            for (var to = 1; to <= 10; to++)
            {
                data.Add(from, to, Expected[from, to]);
            }
        }

        return data;
    }

    [Fact]
    public void Grid_HasOneRowPerStatusAndOneColumnPerStatus_CoversAll100Pairs()
    {
        Assert.Equal(100, AllPairs().Count());
        Assert.Equal(28, Enumerable.Range(1, 10).SelectMany(f => Enumerable.Range(1, 10).Select(t => Expected[f, t])).Count(x => x));
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void IsAllowed_EveryPair_MatchesTheExpectedGrid(int from, int to, bool allowed)
    {
        Assert.Equal(allowed, DossierStatusTransitions.IsAllowed((DossierStatus)from, (DossierStatus)to));
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Ensure_EveryPair_PassesExactlyWhenAllowedAndOtherwiseThrowsIllegalTransition(int from, int to, bool allowed)
    {
        var act = () => DossierStatusTransitions.Ensure((DossierStatus)from, (DossierStatus)to, "/trangThai");

        if (allowed)
        {
            act();
            return;
        }

        var ex = Assert.Throws<LgspException>(act);
        Assert.Same(ErrorCatalogue.IllegalStatusTransition, ex.Error);
        Assert.Equal("client.illegal_status_transition", ex.Error.Code);
        var error = Assert.Single(ex.FieldErrors);
        Assert.Equal("/trangThai", error.Field);
        var terminal = from is 3 or 7 or 10;
        Assert.Equal(terminal ? "status.terminal" : "status.transition", error.Reason);
    }

    [Theory]
    [InlineData(1, new[] { 2, 3, 7 })]
    [InlineData(2, new[] { 2, 4, 5, 6, 7, 8, 9 })]
    [InlineData(3, new int[0])]
    [InlineData(4, new[] { 4, 5, 6, 7, 8, 9 })]
    [InlineData(5, new[] { 2, 4, 7, 8 })]
    [InlineData(6, new[] { 4, 7, 8, 9 })]
    [InlineData(7, new int[0])]
    [InlineData(8, new[] { 4, 10 })]
    [InlineData(9, new[] { 9, 10 })]
    [InlineData(10, new int[0])]
    public void AllowedFrom_EachStatus_ListsTargetsInCodeOrder(int from, int[] expected)
    {
        Assert.Equal(expected, DossierStatusTransitions.AllowedFrom((DossierStatus)from).Select(s => (int)s));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(10)]
    public void IsTerminal_RefusedWithdrawnReturned_IsTrue(int status)
    {
        Assert.True(DossierStatusTransitions.IsTerminal((DossierStatus)status));
    }

    [Fact]
    public void IsTerminal_OtherStatuses_IsFalse()
    {
        Assert.All(new[] { 1, 2, 4, 5, 6, 8, 9 }, s => Assert.False(DossierStatusTransitions.IsTerminal((DossierStatus)s)));
    }

    [Fact]
    public void Ensure_ResolvedToSupplement_NamesBothStatusesInBothLanguagesAndTheAllowedTargets()
    {
        var ex = Assert.Throws<LgspException>(() => DossierStatusTransitions.Ensure(DossierStatus.Resolved, DossierStatus.SupplementRequested));

        var error = Assert.Single(ex.FieldErrors);
        Assert.Equal("", error.Field);
        Assert.Equal("status.transition", error.Reason);
        Assert.Equal(
            "Không thể chuyển hồ sơ từ trạng thái 9 (Đã xử lý xong) sang 5 (Yêu cầu bổ sung giấy tờ); từ 9 chỉ được chuyển sang 9, 10.",
            error.MessageVi);
        Assert.Equal(
            "A dossier cannot move from status 9 (Resolved) to 5 (Supplement requested); from 9 it may only move to 9, 10.",
            error.MessageEn);
        Assert.Equal(error.MessageEn, ex.Detail?.En);
    }

    [Fact]
    public void Ensure_FromResultReturned_SaysTheStatusIsFinal()
    {
        var ex = Assert.Throws<LgspException>(() => DossierStatusTransitions.Ensure(DossierStatus.ResultReturned, DossierStatus.Processing));

        var error = Assert.Single(ex.FieldErrors);
        Assert.Equal("status.terminal", error.Reason);
        Assert.Equal("Không thể chuyển hồ sơ từ trạng thái 10 (Đã trả kết quả) sang 4 (Đang xử lý): 10 (Đã trả kết quả) là trạng thái cuối.", error.MessageVi);
        Assert.Equal("A dossier cannot move from status 10 (Result returned) to 4 (Processing): 10 (Result returned) is final.", error.MessageEn);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(8)]
    public void Ensure_PausedReportedAsResolved_IsRefusedNotRewritten(int paused)
    {
        // TD-DVC's 766 masking (DOMAIN.md §2.2): 5/8 sent as 9. It must surface as an error.
        var ex = Assert.Throws<LgspException>(() => DossierStatusTransitions.Ensure((DossierStatus)paused, DossierStatus.Resolved));

        Assert.Equal("client.illegal_status_transition", ex.Error.Code);
    }

    [Theory]
    [InlineData(0, 2, "status.unknown")]
    [InlineData(1, 11, "status.range")]
    [InlineData(-1, 2, "status.range")]
    public void Ensure_UndefinedStatus_ThrowsInvalidStatus(int from, int to, string reason)
    {
        var ex = Assert.Throws<LgspException>(() => DossierStatusTransitions.Ensure((DossierStatus)from, (DossierStatus)to));

        Assert.Same(ErrorCatalogue.InvalidStatus, ex.Error);
        Assert.Equal(reason, Assert.Single(ex.FieldErrors).Reason);
    }

    [Fact]
    public void IsAllowedAndAllowedFrom_UndefinedStatus_AllowNothing()
    {
        Assert.False(DossierStatusTransitions.IsAllowed(0, DossierStatus.Accepted));
        Assert.False(DossierStatusTransitions.IsAllowed(DossierStatus.Registered, (DossierStatus)11));
        Assert.Empty(DossierStatusTransitions.AllowedFrom((DossierStatus)11));
        Assert.False(DossierStatusTransitions.IsTerminal((DossierStatus)11));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(5, false)]
    [InlineData(6, false)]
    [InlineData(7, false)]
    [InlineData(8, false)]
    [InlineData(9, false)]
    [InlineData(10, false)]
    public void IsValidInitial_EachStatus_OnlyRegisteredAcceptedOrRefused(int status, bool expected)
    {
        Assert.Equal(expected, DossierStatusTransitions.IsValidInitial((DossierStatus)status));
        if (expected)
        {
            DossierStatusTransitions.EnsureInitial((DossierStatus)status);
        }
        else
        {
            var ex = Assert.Throws<LgspException>(() => DossierStatusTransitions.EnsureInitial((DossierStatus)status, "/trangThaiHoSo"));
            Assert.Same(ErrorCatalogue.IllegalStatusTransition, ex.Error);
            var error = Assert.Single(ex.FieldErrors);
            Assert.Equal(("/trangThaiHoSo", "status.initial"), (error.Field, error.Reason));
        }
    }

    [Fact]
    public void EnsureInitial_Resolved_SaysWhereADossierMayStart()
    {
        var ex = Assert.Throws<LgspException>(() => DossierStatusTransitions.EnsureInitial(DossierStatus.Resolved));

        var error = Assert.Single(ex.FieldErrors);
        Assert.Equal("Hồ sơ mới không thể bắt đầu ở trạng thái 9 (Đã xử lý xong); chỉ được bắt đầu ở 1, 2, 3.", error.MessageVi);
        Assert.Equal("A new dossier cannot start in status 9 (Resolved); it may only start in 1, 2, 3.", error.MessageEn);
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Check_EveryPair_GivesNullExactlyWhenAllowedAndOtherwiseTheErrorEnsureThrows(int from, int to, bool allowed)
    {
        var error = DossierStatusTransitions.Check((DossierStatus)from, (DossierStatus)to, "/status");

        if (allowed)
        {
            Assert.Null(error);
            return;
        }

        var thrown = Assert.Throws<LgspException>(() => DossierStatusTransitions.Ensure((DossierStatus)from, (DossierStatus)to, "/status"));
        Assert.Equal(Assert.Single(thrown.FieldErrors), error);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(4, false)]
    [InlineData(0, false)]
    public void CheckInitial_Status_AgreesWithEnsureInitial(int status, bool allowed)
    {
        var error = DossierStatusTransitions.CheckInitial((DossierStatus)status, "/status");

        Assert.Equal(allowed, error is null);
        if (!allowed)
        {
            var thrown = Assert.Throws<LgspException>(() => DossierStatusTransitions.EnsureInitial((DossierStatus)status, "/status"));
            Assert.Equal(Assert.Single(thrown.FieldErrors), error);
        }
    }

    private static bool[,] ReadGrid()
    {
        var grid = new bool[11, 11];
        var rows = Grid.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).ToArray();
        Assert.Equal(10, rows.Length);
        foreach (var row in rows)
        {
            var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(12, cells.Length);
            var from = int.Parse(cells[0], System.Globalization.CultureInfo.InvariantCulture);
            for (var to = 1; to <= 10; to++)
            {
                grid[from, to] = cells[to + 1] switch
                {
                    "x" => true,
                    "." => false,
                    var other => throw new InvalidOperationException($"Bad cell '{other}' in row {from}."),
                };
            }
        }

        return grid;
    }
}
