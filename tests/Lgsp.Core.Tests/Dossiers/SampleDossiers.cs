using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Packets;
using Lgsp.Core.Time;

namespace Lgsp.Core.Tests.Dossiers;

/// <summary>Builders for valid canonical dossiers and steps; tests change one thing with <c>with</c>.</summary>
internal static class SampleDossiers
{
    public static DateTimeOffset At(string dvcqg) =>
        VietnamTime.TryParseDvcqg(dvcqg, out var value) ? value : throw new ArgumentException(dvcqg, nameof(dvcqg));

    /// <summary>A direct-intake dossier being processed (status 4).</summary>
    public static Dossier Processing(string code = "H56.14-250812-0035") => new()
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
        ReceivingAgencyCode = AgencyCode.Parse("000.00.14.H56"),
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
        SubmittedAt = At("20250812074500"),
        ReceivedAt = At("20250812080000"),
        DueAt = At("20250815170000"),
        Status = DossierStatus.Processing,
        ReturnMethod = ReturnMethod.Direct,
        HasDigitizedComponents = true,
        OwnerVneidVerified = true,
        PaidOnline = OnlinePayment.None,
        ConnectedDatabases = ["1"],
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
        Supplements =
        [
            new DossierSupplement
            {
                Id = "bs-1",
                Content = "Bổ sung bản sao giấy chứng sinh",
                RequestedAt = At("20250812094107"),
                ReceivedAt = At("20250813090000"),
                Completed = true,
                PreviousDueAt = At("20250814170000"),
                NewDueAt = At("20250815170000"),
                Documents = ["Bản sao giấy chứng sinh"],
            },
        ],
    };

    public static ProcessingStep Step(int seq, DossierStatus status, string occurredAt = "20250812094107") => new()
    {
        Seq = seq,
        Status = status,
        Actor = "Nguyễn Văn Bình",
        ActorTitle = "Chuyên viên",
        Department = "Phòng Hộ tịch",
        Note = "Bổ sung bản sao giấy chứng sinh",
        OccurredAt = At(occurredAt),
        StepStartAt = At("20250812080000"),
        StepDueAt = At("20250814170000"),
    };
}
