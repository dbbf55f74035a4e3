using Lgsp.Adapters.NationalPortal.Wire;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Packets;
using Lgsp.Core.Time;

namespace Lgsp.Adapters.NationalPortal;

/// <summary>
/// A dossier's progress as DVCQG holds it (<c>TraCuuHoSo</c>), read back into the hub's <see cref="DossierProgress"/>:
/// what reconciliation compares with the hub's own history. The answer is never trusted: a code, status or date that
/// does not parse is <c>upstream.dvcqg.bad_response</c>. Rows are numbered in DVCQG's order (it keeps no step number).
/// </summary>
internal sealed class NationalPortalLookup(DvcqgClient client)
{
    private const string Source = NationalPortalSource.Name;

    /// <param name="maHoSo">The code DVCQG knows the dossier by (the alias when the hub had to make one up).</param>
    public async Task<DossierProgress> GetProgressAsync(DossierCode maHoSo, CancellationToken cancellationToken)
    {
        var record = await client.LookupAsync(maHoSo.Value, cancellationToken).ConfigureAwait(false)
            ?? throw UpstreamFaults.NotFound(Source, new("Cổng DVCQG không có hồ sơ với mã này.", "DVCQG holds no dossier with this code."));
        return ToProgress(record);
    }

    internal static DossierProgress ToProgress(DvcqgRecord record)
    {
        var hoSo = record.HoSo;
        if (!DossierCode.TryParse(hoSo.MaHoSo, out var code))
        {
            throw UpstreamFaults.Malformed(Source, new("MaHoSo không phải mã hồ sơ.", "MaHoSo is not a dossier code."));
        }

        if (!ProcedureCode.TryParse(hoSo.MaTTHC, out var procedure))
        {
            throw UpstreamFaults.Malformed(Source, new("MaTTHC không phải mã thủ tục.", "MaTTHC is not a procedure code."));
        }

        return new DossierProgress
        {
            DossierCode = code,
            ProcedureCode = procedure,
            DueAt = Date(hoSo.NgayHenTra, "NgayHenTra"),
            Steps = [.. record.Rows.Select((row, i) => Step(row, i + 1))],
        };
    }

    private static ProcessingStep Step(QuaTrinhXuLy row, int seq)
    {
        if (!DossierStatuses.TryParse(row.TrangThai, out var status, out _))
        {
            throw UpstreamFaults.Malformed(Source, new("TrangThai của một dòng quá trình xử lý không phải trạng thái 1–10.", "A progress row's TrangThai is not a status 1–10."));
        }

        return new ProcessingStep
        {
            Seq = seq,
            Status = status,
            Actor = Text(row.NguoiXuLy) ?? throw UpstreamFaults.Malformed(Source, new("Một dòng quá trình xử lý thiếu NguoiXuLy.", "A progress row has no NguoiXuLy.")),
            ActorTitle = Text(row.ChucDanh),
            Department = Text(row.PhongBanXuLy),
            Note = Text(row.NoiDungXuLy),
            OccurredAt = Date(row.ThoiDiemXuLy, "ThoiDiemXuLy") ?? throw UpstreamFaults.Malformed(Source, new("Một dòng quá trình xử lý thiếu ThoiDiemXuLy.", "A progress row has no ThoiDiemXuLy.")),
            StepStartAt = Date(row.NgayBatDau, "NgayBatDau"),
            StepDueAt = Date(row.NgayKetThucTheoQuyDinh, "NgayKetThucTheoQuyDinh"),
        };
    }

    private static DateTimeOffset? Date(string? text, string field)
    {
        if (Text(text) is not { } value)
        {
            return null;
        }

        return VietnamTime.TryParseDvcqg(value, out var date) ? date : throw UpstreamFaults.Malformed(Source, new($"{field} không có dạng yyyyMMddHHmmss.", $"{field} is not yyyyMMddHHmmss."));
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
