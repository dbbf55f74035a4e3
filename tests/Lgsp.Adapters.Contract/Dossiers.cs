using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.StatusSync;
using Lgsp.Core.Time;

namespace Lgsp.Adapters.Contract;

/// <summary>
/// Builders of canonical dossiers, steps and events for the portal adapters' mapping and destination tests; change one
/// thing with <c>with</c>. Events go to <c>to</c> (DVCQG by default) and come from the other side.
/// </summary>
public static class Dossiers
{
    public static readonly AgencyCode Agency = AgencyCode.Parse("000.00.14.H56");

    public static DateTimeOffset At(string dvcqg) =>
        VietnamTime.TryParseDvcqg(dvcqg, out var value) ? value : throw new ArgumentException(dvcqg, nameof(dvcqg));

    public static Dossier Processing(string code, DossierStatus status = DossierStatus.Processing) => new()
    {
        Code = DossierCode.Parse(code),
        Procedure = new DossierProcedure
        {
            NationalCode = ProcedureCode.Parse("1.001193"),
            LocalCode = ProcedureCode.Parse("1.001193.000.00.14.H56"),
            Name = "Đăng ký khai sinh",
            FieldCode = "HT",
            FieldName = "Hộ tịch",
        },
        ReceivingAgencyCode = Agency,
        ProcessingAgencyName = "UBND xã Tân Phú",
        Channel = DossierChannel.Online,
        Owner = new Party
        {
            Kind = PartyKind.Citizen,
            Name = "Nguyễn Văn An",
            Identifiers =
            [
                new PartyIdentifier { Type = PartyIdentifierType.PersonalId, Value = "079203001234" },
                new PartyIdentifier { Type = PartyIdentifierType.TechId, Value = "a1b2c3d4-techid" },
            ],
            Phone = "0912345678",
            Email = "an@example.vn",
        },
        Summary = "Đăng ký khai sinh cho con",
        SubmittedAt = At("20251124074500"),
        ReceivedAt = At("20251124080000"),
        DueAt = At("20251127170000"),
        Status = status,
        ReturnMethod = ReturnMethod.Direct,
        HasDigitizedComponents = true,
        OwnerVneidVerified = true,
        Components =
        [
            new DossierComponent
            {
                FileId = "f-1",
                ComponentCode = "TP1",
                Name = "Giấy chứng sinh",
                CopyType = CopyType.Electronic,
                FileUrl = new Uri("https://files.example.vn/f-1.pdf"),
                Digitized = true,
                Reuse = ComponentReuse.ReusedAsResult,
                ReplacedByResultCode = ResultCode.Parse("KQ.G15.000031"),
            },
        ],
        Fees = [new DossierFee { Code = "LP1", Name = "Lệ phí hộ tịch", Kind = FeeKind.Normal, CollectAt = FeeCollection.AtIntake, Amount = 8000m, Paid = true }],
    };

    public static DossierEvent Updated(Dossier dossier, int version, string to = SyncSides.Dvcqg) => new()
    {
        MessageId = Guid.NewGuid(),
        Source = OtherSide(to),
        Destination = to,
        AgencyCode = dossier.ReceivingAgencyCode,
        OccurredAt = At("20251124080000"),
        RecordedAt = At("20251124080001"),
        Payload = new DossierUpdated { DossierCode = dossier.Code, Version = version, Dossier = dossier },
    };

    public static DossierEvent Step(Dossier dossier, int seq, DossierStatus status = DossierStatus.Processing, string? note = null, string to = SyncSides.Dvcqg) => new()
    {
        MessageId = Guid.NewGuid(),
        Source = OtherSide(to),
        Destination = to,
        AgencyCode = dossier.ReceivingAgencyCode,
        OccurredAt = At("20251124090000").AddMinutes(seq),
        RecordedAt = At("20251124090000").AddMinutes(seq),
        Payload = new DossierStatusChanged
        {
            DossierCode = dossier.Code,
            DossierCodeAlias = dossier.CodeAlias,
            ProcedureNationalCode = dossier.Procedure.NationalCode,
            Seq = seq,
            Status = status,
            Actor = "Nguyễn Văn Bình",
            ActorTitle = "Chuyên viên",
            Department = "Phòng Hộ tịch",
            Note = note ?? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Bước {seq}"),
            OccurredAt = At("20251124090000").AddMinutes(seq),
            StepStartAt = At("20251124080000"),
            StepDueAt = At("20251126170000"),
            DueAt = dossier.DueAt,
        },
    };

    private static string OtherSide(string to) => to == SyncSides.Dvcqg ? SyncSides.Provincial : SyncSides.Dvcqg;
}
