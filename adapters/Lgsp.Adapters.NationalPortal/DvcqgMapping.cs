using System.Globalization;
using Lgsp.Adapters.NationalPortal.Wire;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.StatusSync;
using Lgsp.Core.Time;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal;

/// <summary>
/// The hub's canonical dossier and steps → DVCQG's packets (DOMAIN.md §2.3–2.5). Dates are <c>yyyyMMddHHmmss</c> in
/// Asia/Ho_Chi_Minh (<see cref="VietnamTime.ToDvcqg"/>); statuses go exactly as stored (a 5, 6 or 8 is never sent as
/// 9); enumerations and procedure codes go through this destination's mappings and profile (<see cref="NationalPortalMappings"/>,
/// read at each call so an operator's change applies to the next event); a dossier code without the province prefix
/// travels as its stored <c>MaHoSoKhac</c> alias; TrichYeuHoSo and NguoiXuLy are fitted to DVCQG's limits
/// (<see cref="DvcqgLimits"/>).
/// </summary>
internal sealed class DvcqgMapping(IOptionsMonitor<NationalPortalOptions> options)
{
    private NationalPortalOptions Options => options.Get(NationalPortalSource.Name);

    /// <summary>
    /// The code DVCQG knows a dossier by: the dossier's stored <c>MaHoSoKhac</c> alias when it has one (the hub assigns
    /// it once, from a per-unit sequence, when it first stores a dossier <see cref="DvcqgAliasPolicy"/> says needs one);
    /// else the code itself, which must then carry the province code in its first segment (DOMAIN.md §1.2).
    /// </summary>
    /// <exception cref="DossierDeliveryRejectedException">The code lacks the province code and no alias is stored.</exception>
    public string MaHoSoFor(DossierCode code, DossierCode? alias, AgencyCode receivingAgency)
    {
        if (alias is { } given)
        {
            return given.Value;
        }

        if (!DvcqgAliasPolicy.CarriesProvince(code.Value.Split('-')[0], Options.ProvinceCode))
        {
            // A made-up code could name another dossier at DVCQG (a hash of 5 digits collides); never send one.
            throw new DossierDeliveryRejectedException(
                $"Dossier {code.Value} of {receivingAgency.Value} lacks {Options.ProvinceCode} and has no stored MaHoSoKhac alias.");
        }

        return code.Value;
    }

    public HoSoDongBoDVC ToHoSo(Dossier d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var mappings = Options.Mappings;
        var owner = d.Owner;
        return new HoSoDongBoDVC
        {
            MaHoSo = MaHoSoFor(d.Code, d.CodeAlias, d.ReceivingAgencyCode),
            MaTTHC = NationalProcedure(d.Procedure),
            TenTTHC = d.Procedure.Name,
            MaLinhVuc = d.Procedure.FieldCode,
            TenLinhVuc = d.Procedure.FieldName,
            KenhThucHien = Mapped(mappings.KenhThucHien, d.Channel.ToString(), "KenhThucHien"),
            SoBienNhan = d.ReceiptNo,
            ChuHoSo = owner.Name,
            SoGiayToChuHoSo = DocumentNumber(owner),
            LoaiDoiTuong = Mapped(mappings.LoaiDoiTuong, owner.Kind.ToString(), "LoaiDoiTuong"),
            // The applicant's DVCQG account, for online dossiers only (TD-DVC clears it for the other channels).
            MaDoiTuong = d.Channel == DossierChannel.Online ? Identifier(owner, PartyIdentifierType.TechId) : null,
            ThongTinKhac = owner.Address,
            Email = owner.Email,
            Fax = owner.Fax,
            SoDienThoai = owner.Phone,
            // Cut with "..." / placeholder as TD-DVC does; the hub shows the warning on the dossier (DvcqgLimits).
            TrichYeuHoSo = DvcqgLimits.Summary(d.Summary),
            NgayNopHoSo = Date(d.SubmittedAt),
            NgayTiepNhan = Date(d.ReceivedAt),
            NgayHenTra = Date(d.DueAt),
            TrangThaiHoSo = d.Status.ToWire(),
            NgayTra = Date(d.ResultReturnedAt),
            ThongTinTra = d.ReturnInfo,
            HinhThuc = d.ReturnMethod is { } method ? Number((int)method) : null,
            NgayKetThucXuLy = Date(d.ProcessingEndedAt),
            NgayTuChoi = Date(d.RejectedAt),
            DonViXuLy = d.ProcessingAgencyName,
            GhiChu = d.Note,
            NoiNopHoSo = d.SubmittedVia,
            HoSoCoThanhPhanSoHoa = Flag(d.HasDigitizedComponents),
            TaiKhoanDuocXacThucVoiVNeID = Flag(d.OwnerVneidVerified),
            DuocThanhToanTrucTuyen = Number((int)d.PaidOnline),
            DinhDanhCHS = List(owner.Identifiers.Where(i => i.Type == PartyIdentifierType.PersonalId).Select(i => new DinhDanhWire
            {
                // 1 = 12-digit định danh, 2 = 9-digit CMND (DOMAIN.md §1.5).
                LoaiDinhDanh = i.Value.Length == 12 ? "1" : "2",
                SoDinhDanh = i.Value,
            })),
            DSKetNoiCSDL = List(d.ConnectedDatabases.Select(c => new KetNoiCsdlWire { MaCSDL = c })),
            TaiLieuNop = List(d.Components.Select(c => new TaiLieuNopWire
            {
                TepDinhKemId = c.FileId,
                TenTepDinhKem = c.Name,
                IsDeleted = Flag(c.Deleted),
                MaThanhPhanHoSo = c.ComponentCode,
                DuongDanTaiTepTin = c.FileUrl?.AbsoluteUri,
                LoaiBan = c.CopyType is { } copy ? Number((int)copy) : null,
                DuocSoHoa = Flag(c.Digitized),
                DuocTaiSuDung = Number((int)c.Reuse),
                DuocLayTuKhoDMQG = Flag(c.FromNationalStore),
                MaKetQuaThayThe = c.ReplacedByResultCode?.Value,
            })),
            DanhSachLePhi = List(d.Fees.Select(Fee)),
            DanhSachHoSoBoSung = List(d.Supplements.Select(s => new HoSoBoSungWire
            {
                HoSoBoSungId = s.Id,
                NguoiYeuCauBoSung = s.RequestedBy,
                NoiDungBoSung = s.Content,
                NgayBoSung = Date(s.RequestedAt),
                NguoiTiepNhanBoSung = s.ReceivedBy,
                ThongTinTiepNhan = s.ReceiptInfo,
                NgayTiepNhanBoSung = Date(s.ReceivedAt),
                TrangThaiBoSung = Flag(s.Completed),
                DanhSachGiayToBoSung = List(s.Documents.Select(name => new GiayToBoSungWire { TenGiayTo = name })),
                DanhSachLePhiBoSung = List(s.Fees.Select(Fee)),
                NgayHenTraTruoc = Date(s.PreviousDueAt),
                NgayHenTraMoi = Date(s.NewDueAt),
            })),
            DanhSachGiayToKetQua = List(d.Results.Select(r => new GiayToKetQuaWire
            {
                TenGiayTo = r.Name,
                MaThanhPhanHoSo = r.ComponentCode,
                GiayToId = r.DocumentId,
                DuongDanTepTinKetQua = r.FileUrl?.AbsoluteUri,
                MaGiayToKetQua = r.ResultCode?.Value,
            })),
        };
    }

    /// <summary>One step as a progress row of the dossier DVCQG knows as <paramref name="maHoSo"/>.</summary>
    public static QuaTrinhXuLy ToRow(DossierStatusChanged step, string maHoSo)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new QuaTrinhXuLy
        {
            MaHoSo = maHoSo,
            NguoiXuLy = DvcqgLimits.Actor(step.Actor),
            ChucDanh = step.ActorTitle,
            ThoiDiemXuLy = VietnamTime.ToDvcqg(step.OccurredAt),
            PhongBanXuLy = step.Department,
            NoiDungXuLy = step.Note,
            TrangThai = step.Status.ToWire(),
            NgayBatDau = Date(step.StepStartAt),
            NgayKetThucTheoQuyDinh = Date(step.StepDueAt),
        };
    }

    /// <summary>
    /// MaTTHC. A code in <c>DanhSachThuTucDongBoDVC</c> (the local code first, then the one the dossier calls national)
    /// maps as configured; otherwise, when the profile keeps local suffixes (<see cref="NationalPortalOptions.KeepsProcedureSuffix"/>,
    /// as TD-DVC and OpenCPS send the code they hold), the local code as it is (<c>1.003560.000.00.00.H56</c>), else the
    /// code without its agency suffix (<c>1.003560</c>).
    /// </summary>
    private string NationalProcedure(DossierProcedure procedure)
    {
        var o = Options;
        var map = o.Mappings.DanhSachThuTucDongBoDVC;
        if (procedure.LocalCode is { } local && map.TryGetValue(local.Value, out var mappedLocal))
        {
            return mappedLocal;
        }

        if (map.TryGetValue(procedure.NationalCode.Value, out var mapped))
        {
            return mapped;
        }

        return o.KeepsProcedureSuffix ? (procedure.LocalCode ?? procedure.NationalCode).Value : procedure.NationalCode.NationalCode;
    }

    private static LePhiWire Fee(DossierFee f) => new()
    {
        TenPhiLePhi = f.Name,
        MaPhiLePhi = f.Code,
        HinhThucThu = f.CollectAt is { } at ? Number((int)at) : null,
        Gia = f.Amount.ToString(CultureInfo.InvariantCulture),
        LoaiPhiLePhi = f.Kind is { } kind ? Number((int)kind) : null,
        TrangThaiThanhToan = Flag(f.Paid),
    };

    /// <summary>SoGiayToChuHoSo: the owner's personal id, else enterprise or tax code, else passport.</summary>
    private static string? DocumentNumber(Party owner) =>
        Identifier(owner, PartyIdentifierType.PersonalId) ?? Identifier(owner, PartyIdentifierType.EnterpriseCode)
        ?? Identifier(owner, PartyIdentifierType.TaxCode) ?? Identifier(owner, PartyIdentifierType.Passport);

    private static string? Identifier(Party owner, PartyIdentifierType type) => owner.Identifiers.FirstOrDefault(i => i.Type == type)?.Value;

    private static string Mapped(Dictionary<string, string> map, string key, string field) =>
        map.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"Adapters:dvcqg:Mappings:{field} has no value for {key}."); // options validation makes this unreachable

    private static string? Date(DateTimeOffset? value) => value is { } v ? VietnamTime.ToDvcqg(v) : null;

    private static string Flag(bool value) => value ? "1" : "0";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyList<T>? List<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : list;
    }
}
