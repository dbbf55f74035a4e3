using System.Globalization;
using Lgsp.Adapters.ProvincialPortal.Wire;
using Lgsp.Core.Dossiers;
using Lgsp.Core.StatusSync;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.ProvincialPortal;

/// <summary>
/// The hub's canonical dossier and steps → the one-stop system's JSON: its own names, the party kind as a name and the
/// channel through this destination's mappings (<see cref="ProvincialPortalMappings"/>, read at each call), dates as
/// Vietnam local time without offset (<see cref="MotCuaDates"/>), the status exactly as stored, the hub's version as
/// <c>phienBan</c> and the step's number as <c>buoc</c>.
/// </summary>
internal sealed class MotCuaMapping(IOptionsMonitor<ProvincialPortalOptions> options)
{
    private ProvincialPortalMappings Mappings => options.Get(ProvincialPortalSource.Name).Mappings;

    public HoSoMotCua ToHoSo(DossierUpdated updated, string source)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var d = updated.Dossier;
        var owner = d.Owner;
        var mappings = Mappings;
        return new HoSoMotCua
        {
            MaHoSo = d.Code.Value,
            MaHoSoKhac = d.CodeAlias?.Value,
            SoBienNhan = d.ReceiptNo,
            MaTTHC = d.Procedure.NationalCode.NationalCode,
            MaTTHCDiaPhuong = d.Procedure.LocalCode?.Value,
            TenTTHC = d.Procedure.Name,
            MaLinhVuc = d.Procedure.FieldCode,
            TenLinhVuc = d.Procedure.FieldName,
            MaDonViTiepNhan = d.ReceivingAgencyCode.Value,
            TenDonViXuLy = d.ProcessingAgencyName,
            KenhThucHien = Mapped(mappings.KenhThucHien, d.Channel.ToString(), "KenhThucHien"),
            NguonHoSo = source == SyncSides.Dvcqg ? "DVCQG" : source,
            NoiNopHoSo = d.SubmittedVia,
            ChuHoSo = owner.Name,
            LoaiDoiTuong = Mapped(mappings.LoaiDoiTuong, owner.Kind.ToString(), "LoaiDoiTuong"),
            SoGiayToChuHoSo = Identifier(owner, PartyIdentifierType.PersonalId) ?? Identifier(owner, PartyIdentifierType.EnterpriseCode)
                ?? Identifier(owner, PartyIdentifierType.TaxCode) ?? Identifier(owner, PartyIdentifierType.Passport),
            MaDoiTuong = Identifier(owner, PartyIdentifierType.TechId),
            EmailChuHoSo = owner.Email,
            SoDienThoaiChuHoSo = owner.Phone,
            DiaChiChuHoSo = owner.Address,
            TrichYeuHoSo = d.Summary,
            NgayNopHoSo = MotCuaDates.Write(d.SubmittedAt),
            NgayTiepNhan = MotCuaDates.Write(d.ReceivedAt),
            NgayHenTra = MotCuaDates.Write(d.DueAt),
            NgayKetThucXuLy = MotCuaDates.Write(d.ProcessingEndedAt),
            NgayTra = MotCuaDates.Write(d.ResultReturnedAt),
            NgayTuChoi = MotCuaDates.Write(d.RejectedAt),
            TrangThaiHoSoId = d.Status.ToWire(),
            HinhThucTra = d.ReturnMethod is { } method ? ((int)method).ToString(CultureInfo.InvariantCulture) : null,
            GhiChu = d.Note,
            DaXacThucVNeID = d.OwnerVneidVerified,
            ThanhPhanHoSos = d.Components.Count == 0 ? null : [.. d.Components.Where(c => !c.Deleted).Select(c => new ThanhPhanMotCua
            {
                Ten = c.Name,
                MaGiayTo = c.ComponentCode,
                DinhKem = c.FileUrl?.AbsoluteUri,
                DaSoHoa = c.Digitized,
            })],
            PhiLePhis = d.Fees.Count == 0 ? null : [.. d.Fees.Select(f => new LePhiMotCua { Ten = f.Name, Ma = f.Code, SoTien = f.Amount, DaThanhToan = f.Paid })],
            PhienBan = updated.Version,
        };
    }

    public static QuaTrinhMotCua ToStep(DossierStatusChanged step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new QuaTrinhMotCua
        {
            MaHoSo = step.DossierCode.Value,
            Buoc = step.Seq,
            TrangThai = step.Status.ToWire(),
            TenNguoiXuLy = step.Actor,
            ChucDanh = step.ActorTitle,
            PhongBan = step.Department,
            ThaoTac = step.Note,
            ThoiGian = MotCuaDates.Write(step.OccurredAt),
            NgayBatDau = MotCuaDates.Write(step.StepStartAt),
            NgayHetHanBuocXuLy = MotCuaDates.Write(step.StepDueAt),
        };
    }

    private static string? Identifier(Party owner, PartyIdentifierType type) => owner.Identifiers.FirstOrDefault(i => i.Type == type)?.Value;

    private static string Mapped(Dictionary<string, string> map, string key, string field) =>
        map.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"Adapters:provincial:Mappings:{field} has no value for {key}."); // options validation makes this unreachable
}
