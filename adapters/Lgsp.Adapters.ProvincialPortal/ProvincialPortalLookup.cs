using Lgsp.Adapters.ProvincialPortal.Wire;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Packets;

namespace Lgsp.Adapters.ProvincialPortal;

/// <summary>
/// A dossier from DVCQG as the one-stop system holds it, read back into the hub's <see cref="DossierProgress"/> (what
/// reconciliation compares with the hub's history). The answer is never trusted: a code, status or date that does not
/// parse is <c>upstream.provincial.bad_response</c>.
/// </summary>
internal sealed class ProvincialPortalLookup(MotCuaClient client)
{
    private const string Source = ProvincialPortalSource.Name;

    public async Task<DossierProgress> GetProgressAsync(DossierCode code, CancellationToken cancellationToken) =>
        ToProgress(await client.LookupAsync(code.Value, cancellationToken).ConfigureAwait(false));

    internal static DossierProgress ToProgress(HoSoDaNhan hoSo)
    {
        if (!DossierCode.TryParse(hoSo.MaHoSo, out var code))
        {
            throw UpstreamFaults.Malformed(Source, new("maHoSo không phải mã hồ sơ.", "maHoSo is not a dossier code."));
        }

        if (!ProcedureCode.TryParse(hoSo.MaTTHC, out var procedure))
        {
            throw UpstreamFaults.Malformed(Source, new("maTTHC không phải mã thủ tục.", "maTTHC is not a procedure code."));
        }

        return new DossierProgress
        {
            DossierCode = code,
            ProcedureCode = procedure,
            DueAt = Date(hoSo.NgayHenTra, "ngayHenTra"),
            Steps = [.. (hoSo.QuaTrinhXuLy ?? []).Select(Step).OrderBy(s => s.Seq)],
        };
    }

    private static ProcessingStep Step(QuaTrinhMotCua step)
    {
        if (step.Buoc is not > 0 || !DossierStatuses.TryParse(step.TrangThai, out var status, out _))
        {
            throw UpstreamFaults.Malformed(Source, new("Một bước xử lý thiếu buoc dương hoặc trangThai 1–10.", "A step has no positive buoc or no trangThai 1–10."));
        }

        return new ProcessingStep
        {
            Seq = step.Buoc.Value,
            Status = status,
            Actor = string.IsNullOrWhiteSpace(step.TenNguoiXuLy) ? throw UpstreamFaults.Malformed(Source, new("Một bước xử lý thiếu tenNguoiXuLy.", "A step has no tenNguoiXuLy.")) : step.TenNguoiXuLy.Trim(),
            ActorTitle = step.ChucDanh,
            Department = step.PhongBan,
            Note = step.ThaoTac,
            OccurredAt = Date(step.ThoiGian, "thoiGian") ?? throw UpstreamFaults.Malformed(Source, new("Một bước xử lý thiếu thoiGian.", "A step has no thoiGian.")),
            StepStartAt = Date(step.NgayBatDau, "ngayBatDau"),
            StepDueAt = Date(step.NgayHetHanBuocXuLy, "ngayHetHanBuocXuLy"),
        };
    }

    private static DateTimeOffset? Date(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : MotCuaDates.TryRead(text, out var value) ? value
        : throw UpstreamFaults.Malformed(Source, new($"{field} không có dạng yyyy-MM-ddTHH:mm:ss.", $"{field} is not yyyy-MM-ddTHH:mm:ss."));
}
