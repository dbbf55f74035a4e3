using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Packets;

/// <summary>
/// A packet's typed body. The set is closed and registered in <see cref="PacketBodies"/>: a new body type is a
/// record here, an entry there, and a definition in both schemas of <c>schemas/packet/v1</c>.
/// </summary>
public abstract record PacketBody
{
    private protected PacketBody()
    {
    }
}

/// <summary>The answer of <c>XacThucThongTinCongDan</c>: do the given facts match the population database?</summary>
public sealed record CitizenVerification : PacketBody
{
    public required PersonalId PersonalId { get; init; }

    public required bool Matched { get; init; }

    /// <summary>Which facts were compared, e.g. <c>fullName</c>, <c>dateOfBirth</c>.</summary>
    public required IReadOnlyList<string> ComparedFields { get; init; }
}

/// <summary>Processing steps of one dossier: the content of DVCQG's <c>CapNhatTienDoHoSoMC</c>.</summary>
public sealed record DossierProgress : PacketBody
{
    public required DossierCode DossierCode { get; init; }

    /// <summary>DVCQG's substitute code (<c>MaHoSoKhac</c>) when it had to make one up.</summary>
    public DossierCode? DossierCodeAlias { get; init; }

    /// <summary>The national procedure code.</summary>
    public required ProcedureCode ProcedureCode { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    [PacketXmlItem("Step")]
    public required IReadOnlyList<ProcessingStep> Steps { get; init; }
}

/// <summary>One row of a dossier's processing history (append-only).</summary>
public sealed record ProcessingStep
{
    public required int Seq { get; init; }

    public required DossierStatus Status { get; init; }

    /// <summary>Who processed it (<c>NguoiXuLy</c>, at most 50 characters on DVCQG).</summary>
    public required string Actor { get; init; }

    public string? ActorTitle { get; init; }

    public string? Department { get; init; }

    public string? Note { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset? StepStartAt { get; init; }

    public DateTimeOffset? StepDueAt { get; init; }
}

/// <summary>A failed exchange, carried as a packet: the error catalogue's code and messages.</summary>
public sealed record Fault : PacketBody
{
    public required string Code { get; init; }

    /// <summary><c>client</c>, <c>hub</c> or <c>upstream</c>.</summary>
    public required string FaultOrigin { get; init; }

    public required string MessageVi { get; init; }

    public required string MessageEn { get; init; }

    public string? Detail { get; init; }

    public static Fault From(ErrorDescriptor error, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Fault
        {
            Code = error.Code,
            FaultOrigin = error.Origin.ToString().ToLowerInvariant(),
            MessageVi = error.MessageVi,
            MessageEn = error.MessageEn,
            Detail = detail,
        };
    }
}
