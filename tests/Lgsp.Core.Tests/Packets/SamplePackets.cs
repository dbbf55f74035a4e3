using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;
using Lgsp.Core.Packets;

namespace Lgsp.Core.Tests.Packets;

/// <summary>Builders of valid packets of every body type, with Vietnamese text and every optional field set.</summary>
internal static class SamplePackets
{
    public static readonly DateTimeOffset At = new(2026, 11, 24, 9, 41, 7, TimeSpan.FromHours(7));

    public static PacketHeader Header(string service = "population", string operation = "XacThucThongTinCongDan") => new()
    {
        MessageId = Guid.Parse("0b6f6f0e-6a2c-4c1e-9d3e-6c1f8a2d9b11"),
        CorrelationId = "H56.14-250812-0035",
        InReplyTo = Guid.Parse("7d9f3c1a-2b4e-4f60-8a1c-3e5b7d9f1a2c"),
        Sender = AgencyCode.Parse("000.00.14.H56"),
        Receiver = AgencyCode.Parse("000.00.00.G22"),
        Service = service,
        Operation = operation,
        CreatedAt = At,
        Purpose = ProcedureCode.Parse("1.001193"),
        OfficerId = "CB-0042",
    };

    public static Packet Verification() => new(Header(), new CitizenVerification
    {
        PersonalId = PersonalId.Parse("056085123456"),
        Matched = true,
        ComparedFields = ["fullName", "dateOfBirth"],
    });

    public static Packet Progress(int steps = 2) => new(Header("dvcqg", "CapNhatTienDoHoSoMC"), new DossierProgress
    {
        DossierCode = DossierCode.Parse("H56.14-250812-0035"),
        DossierCodeAlias = DossierCode.Parse("H56.14-250812-48213"),
        ProcedureCode = ProcedureCode.Parse("1.001193"),
        DueAt = new DateTimeOffset(2025, 8, 15, 17, 0, 0, TimeSpan.FromHours(7)),
        Steps = Enumerable.Range(1, steps).Select(i => new ProcessingStep
        {
            Seq = i,
            Status = i == 1 ? DossierStatus.Accepted : DossierStatus.SupplementRequested,
            Actor = "Nguyễn Văn Bình",
            ActorTitle = "Chuyên viên",
            Department = "Phòng Hộ tịch",
            Note = "Bổ sung bản sao giấy chứng sinh; ghi chú có ký tự đặc biệt <&> \"trích dẫn\"",
            OccurredAt = new DateTimeOffset(2025, 8, 12, 9, 41, 7, TimeSpan.FromHours(7)).AddHours(i),
            StepStartAt = new DateTimeOffset(2025, 8, 12, 8, 0, 0, TimeSpan.FromHours(7)),
            StepDueAt = new DateTimeOffset(2025, 8, 14, 17, 0, 0, 123, TimeSpan.FromHours(7)),
        }).ToList(),
    });

    public static Packet Fault() => new(Header() with { CorrelationId = null, InReplyTo = null, Purpose = null, OfficerId = null },
        Lgsp.Core.Packets.Fault.From(UpstreamErrors.For("population").Timeout, "Không có phản hồi sau 10 giây."));

    public static TheoryData<string> Names() => new(["verification", "progress", "fault"]);

    public static Packet ByName(string name) => name switch
    {
        "verification" => Verification(),
        "progress" => Progress(),
        "fault" => Fault(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
