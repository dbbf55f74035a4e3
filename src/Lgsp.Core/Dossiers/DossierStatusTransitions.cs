using System.Collections.Frozen;
using System.Collections.ObjectModel;
using System.Globalization;
using Lgsp.Core.Errors;
using static Lgsp.Core.Dossiers.DossierStatus;

namespace Lgsp.Core.Dossiers;

/// <summary>
/// The legal moves between DVCQG statuses. An illegal move is an error (<see cref="ErrorCatalogue.IllegalStatusTransition"/>)
/// and is never "corrected": in particular the TD-DVC habit of reporting 5/6/8 as 9 to flatter the 766 index
/// (DOMAIN.md §2.2, §7) shows up here as 5→9 or 8→9, which are refused. 6→9 is legal: the fee was paid and
/// the result is ready. Re-delivery of the same progress event is deduplicated by its idempotency key
/// before it gets here; a self-move (2→2, 4→4, 9→9) is another step in the same state, e.g. a transfer
/// between departments.
/// </summary>
public static class DossierStatusTransitions
{
    private static readonly FrozenDictionary<DossierStatus, IReadOnlyList<DossierStatus>> Next =
        new Dictionary<DossierStatus, IReadOnlyList<DossierStatus>>
        {
            [Registered] = List(Accepted, Refused, Withdrawn),
            [Accepted] = List(Accepted, Processing, SupplementRequested, FinancialObligation, Withdrawn, Stopped, Resolved),
            [Refused] = List(),
            [Processing] = List(Processing, SupplementRequested, FinancialObligation, Withdrawn, Stopped, Resolved),
            // Supplement received at the desk (2) or by the department (4); withdrawn; stopped when never supplied.
            [SupplementRequested] = List(Accepted, Processing, Withdrawn, Stopped),
            [FinancialObligation] = List(Processing, Withdrawn, Stopped, Resolved),
            [Withdrawn] = List(),
            // Resumed, or handed back to the applicant with the reasons.
            [Stopped] = List(Processing, ResultReturned),
            [Resolved] = List(Resolved, ResultReturned),
            [ResultReturned] = List(),
        }.ToFrozenDictionary();

    /// <summary>
    /// Where a dossier's life may start: 1 for online submissions, 2 for direct intake, and 3 for a direct
    /// submission refused at the desk (it never had an online registration to move from). The sync rules do not
    /// require a first sync to come at one of these (a backfill may come at any status, <see cref="DossierRules.CheckStatusChange"/>);
    /// a dossier created at one of them has its first step checked from it.
    /// </summary>
    public static IReadOnlyList<DossierStatus> InitialStatuses { get; } = List(Registered, Accepted, Refused);

    /// <summary>
    /// 10 → 2: a finished dossier reopened (its result withdrawn for correction, a decision annulled) goes back to the
    /// desk. Not a processing move, so not in the table (10 stays final for every other status): the sync rules
    /// (<see cref="DossierRules"/>) admit it with a reason only.
    /// </summary>
    public static bool IsReopening(DossierStatus from, DossierStatus to) => from == ResultReturned && to == Accepted;

    public static bool IsAllowed(DossierStatus from, DossierStatus to) =>
        Next.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>The statuses reachable in one move, in code order; empty for a terminal or undefined status.</summary>
    public static IReadOnlyList<DossierStatus> AllowedFrom(DossierStatus from) =>
        Next.TryGetValue(from, out var next) ? next : [];

    /// <summary>3, 7 and 10: nothing may follow.</summary>
    public static bool IsTerminal(DossierStatus status) => status.IsDefined() && AllowedFrom(status).Count == 0;

    public static bool IsValidInitial(DossierStatus status) => InitialStatuses.Contains(status);

    /// <summary>
    /// Throws <see cref="ErrorCatalogue.IllegalStatusTransition"/> (reason <c>status.transition</c>, or
    /// <c>status.terminal</c> when <paramref name="from"/> is final) unless the move is allowed;
    /// <see cref="ErrorCatalogue.InvalidStatus"/> when either value is not a DVCQG status.
    /// </summary>
    public static void Ensure(DossierStatus from, DossierStatus to, string field = "")
    {
        EnsureDefined(from, field);
        EnsureDefined(to, field);
        if (Check(from, to, field) is { } error)
        {
            throw new LgspException(ErrorCatalogue.IllegalStatusTransition, error.Message, [error]);
        }
    }

    /// <summary>
    /// The <see cref="Ensure"/> verdict without throwing, for validators that collect every error: null when the
    /// move is allowed, else the <c>status.transition</c> / <c>status.terminal</c> error (catalogue entry
    /// <see cref="ErrorCatalogue.IllegalStatusTransition"/>), or the <c>status.*</c> range error of an undefined value.
    /// </summary>
    public static FieldError? Check(DossierStatus from, DossierStatus to, string field = "")
    {
        if (DossierStatuses.CheckRange((int)from) is { } badFrom)
        {
            return badFrom.WithField(field);
        }

        if (DossierStatuses.CheckRange((int)to) is { } badTo)
        {
            return badTo.WithField(field);
        }

        if (IsAllowed(from, to))
        {
            return null;
        }

        var allowed = AllowedFrom(from);
        return allowed.Count == 0
            ? new FieldError(field, "status.terminal",
                Format($"Không thể chuyển hồ sơ từ trạng thái {Vi(from)} sang {Vi(to)}: {Vi(from)} là trạng thái cuối."),
                Format($"A dossier cannot move from status {En(from)} to {En(to)}: {En(from)} is final."))
            : new FieldError(field, "status.transition",
                Format($"Không thể chuyển hồ sơ từ trạng thái {Vi(from)} sang {Vi(to)}; từ {from.Code()} chỉ được chuyển sang {Codes(allowed)}."),
                Format($"A dossier cannot move from status {En(from)} to {En(to)}; from {from.Code()} it may only move to {Codes(allowed)}."));
    }

    /// <summary>Throws <see cref="ErrorCatalogue.IllegalStatusTransition"/> (reason <c>status.initial</c>) unless a new dossier may start in <paramref name="status"/>.</summary>
    public static void EnsureInitial(DossierStatus status, string field = "")
    {
        EnsureDefined(status, field);
        if (CheckInitial(status, field) is { } error)
        {
            throw new LgspException(ErrorCatalogue.IllegalStatusTransition, error.Message, [error]);
        }
    }

    /// <summary>The <see cref="EnsureInitial"/> verdict without throwing: null, or the <c>status.initial</c> (or range) error.</summary>
    public static FieldError? CheckInitial(DossierStatus status, string field = "")
    {
        if (DossierStatuses.CheckRange((int)status) is { } invalid)
        {
            return invalid.WithField(field);
        }

        return IsValidInitial(status)
            ? null
            : new FieldError(field, "status.initial",
                Format($"Hồ sơ mới không thể bắt đầu ở trạng thái {Vi(status)}; chỉ được bắt đầu ở {Codes(InitialStatuses)}."),
                Format($"A new dossier cannot start in status {En(status)}; it may only start in {Codes(InitialStatuses)}."));
    }

    private static void EnsureDefined(DossierStatus status, string field)
    {
        if (DossierStatuses.CheckRange((int)status) is { } error)
        {
            throw DossierStatuses.Invalid(error, field);
        }
    }

    private static ReadOnlyCollection<DossierStatus> List(params DossierStatus[] statuses) => new(statuses);

    private static string Vi(DossierStatus s) => Format($"{s.Code()} ({s.NameVi()})");

    private static string En(DossierStatus s) => Format($"{s.Code()} ({s.NameEn()})");

    private static string Codes(IEnumerable<DossierStatus> statuses) => string.Join(", ", statuses.Select(s => s.ToWire()));

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
