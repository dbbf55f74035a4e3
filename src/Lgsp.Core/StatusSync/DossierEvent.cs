using System.Globalization;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Packets;

namespace Lgsp.Core.StatusSync;

/// <summary>
/// One change of one dossier on its way from the side that made it to the other side
/// (<c>schemas/events/dossier-changed.v1.schema.json</c>): the hub writes it to its outbox in the same transaction
/// as the change, and a relay hands it to the destination in per-dossier order. Delivery is at least once, so a
/// destination drops a repeated <see cref="IdempotencyKey"/>. The W3C trace context travels beside the body
/// (transport headers), never inside it.
/// </summary>
public sealed record DossierEvent
{
    /// <summary>Unique per event; stable across redeliveries.</summary>
    public required Guid MessageId { get; init; }

    /// <summary><see cref="DossierEventTypes.Updated"/> or <see cref="DossierEventTypes.StatusChanged"/>, from the payload.</summary>
    public string Type => Payload switch
    {
        DossierUpdated => DossierEventTypes.Updated,
        DossierStatusChanged => DossierEventTypes.StatusChanged,
        _ => throw new InvalidOperationException("Unknown payload " + Payload.GetType().Name),
    };

    /// <summary>Which side made the change: <see cref="SyncSides.Provincial"/> or <see cref="SyncSides.Dvcqg"/>.</summary>
    public required string Source { get; init; }

    /// <summary>The <see cref="IDossierDestination.Name"/> to deliver to: always the other side.</summary>
    public required string Destination { get; init; }

    /// <summary>The dossier's receiving agency (canonical QCVN 102 form).</summary>
    public required AgencyCode AgencyCode { get; init; }

    /// <summary>When the change happened at its source (a step's ThoiDiemXuLy; the hub's receipt for a dossier update).</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>When the hub stored it.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>The dossier code: the partition (Kafka message key) and correlation id.</summary>
    public DossierCode DossierCode => Payload.DossierCode;

    /// <summary><c>&lt;dossierCode&gt;#&lt;seq&gt;</c> for a step, <c>&lt;dossierCode&gt;@&lt;version&gt;</c> for a dossier version.</summary>
    public string IdempotencyKey => Payload switch
    {
        DossierStatusChanged s => DossierEventKeys.ForStep(s.DossierCode, s.Seq),
        DossierUpdated u => DossierEventKeys.ForVersion(u.DossierCode, u.Version),
        _ => throw new InvalidOperationException("Unknown payload " + Payload.GetType().Name),
    };

    public required DossierEventPayload Payload { get; init; }

    /// <summary>W3C <c>traceparent</c> of the request that made the change (a transport header, not in the JSON).</summary>
    public string? TraceParent { get; init; }

    /// <summary>W3C <c>tracestate</c> (a transport header, not in the JSON).</summary>
    public string? TraceState { get; init; }
}

/// <summary>What changed: a new version of the dossier, or a new processing step.</summary>
public abstract record DossierEventPayload
{
    private protected DossierEventPayload()
    {
    }

    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public required DossierCode DossierCode { get; init; }
}

/// <summary>
/// The dossier was created or updated (<c>DongBoHoSoMC</c>): the whole dossier as it now stands, with the
/// version the hub gave it (1 for a new dossier, +1 for each change).
/// </summary>
public sealed record DossierUpdated : DossierEventPayload
{
    public required int Version { get; init; }

    public required Dossier Dossier { get; init; }
}

/// <summary>
/// A processing step was appended (<c>CapNhatTienDoHoSoMC</c>), flat as in DOMAIN.md §8's example event, with the
/// dossier facts DVCQG needs beside it (alias, national procedure code, due date).
/// </summary>
public sealed record DossierStatusChanged : DossierEventPayload
{
    public DossierCode? DossierCodeAlias { get; init; }

    public required ProcedureCode ProcedureNationalCode { get; init; }

    public required int Seq { get; init; }

    public required DossierStatus Status { get; init; }

    /// <summary>The DVCQG name of <see cref="Status"/> (written for readers; ignored when read).</summary>
    public string StatusName => Status.IsDefined() ? Status.NameVi() : string.Empty;

    public required string Actor { get; init; }

    public string? ActorTitle { get; init; }

    public string? Department { get; init; }

    public string? Note { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset? StepStartAt { get; init; }

    public DateTimeOffset? StepDueAt { get; init; }

    /// <summary>The dossier's NgayHenTra when the step was recorded.</summary>
    public DateTimeOffset? DueAt { get; init; }

    public ProcessingStep ToStep() => new()
    {
        Seq = Seq,
        Status = Status,
        Actor = Actor,
        ActorTitle = ActorTitle,
        Department = Department,
        Note = Note,
        OccurredAt = OccurredAt,
        StepStartAt = StepStartAt,
        StepDueAt = StepDueAt,
    };

    public static DossierStatusChanged From(Dossier dossier, ProcessingStep step)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(step);
        return new DossierStatusChanged
        {
            DossierCode = dossier.Code,
            DossierCodeAlias = dossier.CodeAlias,
            ProcedureNationalCode = dossier.Procedure.NationalCode,
            Seq = step.Seq,
            Status = step.Status,
            Actor = step.Actor,
            ActorTitle = step.ActorTitle,
            Department = step.Department,
            Note = step.Note,
            OccurredAt = step.OccurredAt,
            StepStartAt = step.StepStartAt,
            StepDueAt = step.StepDueAt,
            DueAt = dossier.DueAt,
        };
    }
}

public static class DossierEventTypes
{
    public const string Updated = "dossier.updated.v1";
    public const string StatusChanged = "dossier.status-changed.v1";
}

/// <summary>The two sides a dossier change travels between; each is also the name of the destination on that side.</summary>
public static class SyncSides
{
    /// <summary>The national public-service portal (Cổng DVCQG).</summary>
    public const string Dvcqg = "dvcqg";

    /// <summary>The provincial one-stop system (hệ thống một cửa điện tử).</summary>
    public const string Provincial = "provincial";

    public static IReadOnlyList<string> All { get; } = [Dvcqg, Provincial];

    /// <summary>Where a change made on <paramref name="source"/> goes.</summary>
    public static string OtherSide(string source) => source switch
    {
        Dvcqg => Provincial,
        Provincial => Dvcqg,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Not a sync side."),
    };
}

/// <summary>The per-event idempotency keys a destination deduplicates by.</summary>
public static class DossierEventKeys
{
    public static string ForStep(DossierCode code, int seq) => string.Create(CultureInfo.InvariantCulture, $"{code.Value}#{seq}");

    public static string ForVersion(DossierCode code, int version) => string.Create(CultureInfo.InvariantCulture, $"{code.Value}@{version}");
}
