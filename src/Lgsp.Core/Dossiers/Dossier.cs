using System.Text.Json.Serialization;
using Lgsp.Core.Codes;

namespace Lgsp.Core.Dossiers;

/// <summary>
/// A dossier (hồ sơ) in the hub's canonical form (DOMAIN.md §8): the content of DVCQG's <c>DongBoHoSoMC</c>
/// with English names. The DVCQG names live only at the DVCQG edge (the national-portal adapter maps them);
/// each member's summary gives the wire name it maps to. Instants are +07:00. Enumerations keep the DVCQG code
/// as their value, and <see cref="Status"/> is stored exactly as sent, never rewritten.
/// <para>
/// Processing steps (<c>CapNhatTienDoHoSoMC</c>) are not part of this record: they are appended one by one
/// (<see cref="Packets.ProcessingStep"/>), each with its own sequence number. Check a dossier with
/// <see cref="DossierRules.Validate(Dossier)"/>.
/// </para>
/// </summary>
public sealed record Dossier
{
    /// <summary>MaHoSo.</summary>
    public required DossierCode Code { get; init; }

    /// <summary>MaHoSoKhac: DVCQG's substitute code when the original lacks the province prefix (DOMAIN.md §1.2).</summary>
    public DossierCode? CodeAlias { get; init; }

    /// <summary>SoBienNhan (optional receipt number).</summary>
    public string? ReceiptNo { get; init; }

    /// <summary>MaTTHC / TenTTHC / MaLinhVuc / TenLinhVuc.</summary>
    public required DossierProcedure Procedure { get; init; }

    /// <summary>The receiving agency (the one-stop desk's unit), canonical QCVN 102 form.</summary>
    public required AgencyCode ReceivingAgencyCode { get; init; }

    /// <summary>DonViXuLy.</summary>
    public string? ProcessingAgencyName { get; init; }

    /// <summary>KenhThucHien.</summary>
    public required DossierChannel Channel { get; init; }

    /// <summary>NoiNopHoSo.</summary>
    public string? SubmittedVia { get; init; }

    /// <summary>ChuHoSo and its identifiers (SoGiayToChuHoSo, DinhDanhCHS, MaDoiTuong = TechID), LoaiDoiTuong.</summary>
    public required Party Owner { get; init; }

    /// <summary>Who submitted it when not the owner.</summary>
    public Party? Submitter { get; init; }

    /// <summary>TrichYeuHoSo, at most <see cref="DossierRules.MaxSummaryLength"/> characters.</summary>
    public required string Summary { get; init; }

    /// <summary>NgayNopHoSo.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>NgayTiepNhan.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>NgayHenTra.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>NgayKetThucXuLy.</summary>
    public DateTimeOffset? ProcessingEndedAt { get; init; }

    /// <summary>NgayTra: when the result was handed over (status 10).</summary>
    public DateTimeOffset? ResultReturnedAt { get; init; }

    /// <summary>NgayTuChoi: when intake was refused (status 3).</summary>
    public DateTimeOffset? RejectedAt { get; init; }

    /// <summary>TrangThaiHoSo, exactly as sent.</summary>
    public required DossierStatus Status { get; init; }

    /// <summary>HinhThuc: how the result is returned.</summary>
    public ReturnMethod? ReturnMethod { get; init; }

    /// <summary>ThongTinTra.</summary>
    public string? ReturnInfo { get; init; }

    /// <summary>GhiChu.</summary>
    public string? Note { get; init; }

    /// <summary>HoSoCoThanhPhanSoHoa (0/1).</summary>
    public bool HasDigitizedComponents { get; init; }

    /// <summary>TaiKhoanDuocXacThucVoiVNeID (0/1).</summary>
    public bool OwnerVneidVerified { get; init; }

    /// <summary>DuocThanhToanTrucTuyen.</summary>
    public OnlinePayment PaidOnline { get; init; }

    /// <summary>DSKetNoiCSDL[].MaCSDL: which national databases the dossier used (values undocumented, DOMAIN.md §2.3).</summary>
    public IReadOnlyList<string> ConnectedDatabases { get; init; } = [];

    /// <summary>TaiLieuNop.</summary>
    public IReadOnlyList<DossierComponent> Components { get; init; } = [];

    /// <summary>DanhSachLePhi.</summary>
    public IReadOnlyList<DossierFee> Fees { get; init; } = [];

    /// <summary>DanhSachHoSoBoSung.</summary>
    public IReadOnlyList<DossierSupplement> Supplements { get; init; } = [];

    /// <summary>DanhSachGiayToKetQua.</summary>
    public IReadOnlyList<ResultDocument> Results { get; init; } = [];
}

/// <summary>The procedure (TTHC) a dossier is for.</summary>
public sealed record DossierProcedure
{
    /// <summary>MaTTHC as DVCQG knows it: the national code (<c>1.001193</c>), never a local one.</summary>
    public required ProcedureCode NationalCode { get; init; }

    /// <summary>The province's own code (<c>1.001193.000.00.14.H56</c>), kept for the way back.</summary>
    public ProcedureCode? LocalCode { get; init; }

    /// <summary>TenTTHC.</summary>
    public string? Name { get; init; }

    /// <summary>MaLinhVuc.</summary>
    public string? FieldCode { get; init; }

    /// <summary>TenLinhVuc.</summary>
    public string? FieldName { get; init; }
}

/// <summary>
/// The applicant or owner of a dossier. The kind is the hub's own (TD-DVC's numbering plus household business);
/// each destination maps it (LoaiDoiTuong differs between systems, DOMAIN.md §2.5).
/// </summary>
public sealed record Party
{
    public required PartyKind Kind { get; init; }

    /// <summary>ChuHoSo: a person's full name or an organisation's name.</summary>
    public required string Name { get; init; }

    /// <summary>Personal id, enterprise or tax code, BHXH code, passport, VNeID/DVCQG TechID.</summary>
    public IReadOnlyList<PartyIdentifier> Identifiers { get; init; } = [];

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public string? Fax { get; init; }

    /// <summary>ThongTinKhac / address as free text.</summary>
    public string? Address { get; init; }
}

/// <summary>
/// One identifier of a party. <see cref="Value"/> is the canonical text of the typed code (checked by
/// <see cref="DossierRules"/> with <c>Lgsp.Core.Codes</c>). Personal data: never log it.
/// </summary>
public sealed record PartyIdentifier
{
    public required PartyIdentifierType Type { get; init; }

    public required string Value { get; init; }
}

/// <summary>One submitted document (TaiLieuNop).</summary>
public sealed record DossierComponent
{
    /// <summary>TepDinhKemId.</summary>
    public string? FileId { get; init; }

    /// <summary>MaThanhPhanHoSo.</summary>
    public string? ComponentCode { get; init; }

    /// <summary>TenTepDinhKem.</summary>
    public required string Name { get; init; }

    /// <summary>LoaiBan.</summary>
    public CopyType? CopyType { get; init; }

    /// <summary>DuongDanTaiTepTin: files travel by URL, never inline.</summary>
    public Uri? FileUrl { get; init; }

    /// <summary>DuocSoHoa.</summary>
    public bool Digitized { get; init; }

    /// <summary>DuocTaiSuDung.</summary>
    public ComponentReuse Reuse { get; init; }

    /// <summary>DuocLayTuKhoDMQG.</summary>
    public bool FromNationalStore { get; init; }

    /// <summary>MaKetQuaThayThe: required exactly when <see cref="Reuse"/> is <see cref="ComponentReuse.ReusedAsResult"/>.</summary>
    public ResultCode? ReplacedByResultCode { get; init; }

    /// <summary>IsDeleted.</summary>
    public bool Deleted { get; init; }
}

/// <summary>One fee or charge (DanhSachLePhi).</summary>
public sealed record DossierFee
{
    /// <summary>MaPhiLePhi.</summary>
    public string? Code { get; init; }

    /// <summary>TenPhiLePhi.</summary>
    public required string Name { get; init; }

    /// <summary>LoaiPhiLePhi.</summary>
    public FeeKind? Kind { get; init; }

    /// <summary>HinhThucThu.</summary>
    public FeeCollection? CollectAt { get; init; }

    /// <summary>Gia, in đồng; never negative.</summary>
    public required decimal Amount { get; init; }

    /// <summary>TrangThaiThanhToan.</summary>
    public bool Paid { get; init; }
}

/// <summary>One supplement request (DanhSachHoSoBoSung).</summary>
public sealed record DossierSupplement
{
    /// <summary>HoSoBoSungId, unique within the dossier.</summary>
    public required string Id { get; init; }

    /// <summary>NguoiYeuCauBoSung.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>NoiDungBoSung.</summary>
    public required string Content { get; init; }

    /// <summary>NgayBoSung.</summary>
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>NguoiTiepNhanBoSung.</summary>
    public string? ReceivedBy { get; init; }

    /// <summary>NgayTiepNhanBoSung.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>ThongTinTiepNhan.</summary>
    public string? ReceiptInfo { get; init; }

    /// <summary>TrangThaiBoSung.</summary>
    public bool Completed { get; init; }

    /// <summary>NgayHenTraTruoc.</summary>
    public DateTimeOffset? PreviousDueAt { get; init; }

    /// <summary>NgayHenTraMoi.</summary>
    public DateTimeOffset? NewDueAt { get; init; }

    /// <summary>DanhSachGiayToBoSung (document names).</summary>
    public IReadOnlyList<string> Documents { get; init; } = [];

    /// <summary>DanhSachLePhiBoSung.</summary>
    public IReadOnlyList<DossierFee> Fees { get; init; } = [];
}

/// <summary>One result document (DanhSachGiayToKetQua).</summary>
public sealed record ResultDocument
{
    /// <summary>MaGiayToKetQua (<c>KQ.G15.000031</c>).</summary>
    public ResultCode? ResultCode { get; init; }

    /// <summary>SoKyHieu of the issued document.</summary>
    public string? NumberNotation { get; init; }

    /// <summary>TenGiayTo.</summary>
    public required string Name { get; init; }

    /// <summary>MaThanhPhanHoSo.</summary>
    public string? ComponentCode { get; init; }

    /// <summary>GiayToId.</summary>
    public string? DocumentId { get; init; }

    /// <summary>DuongDanTepTinKetQua.</summary>
    public Uri? FileUrl { get; init; }

    public DateTimeOffset? SignedAt { get; init; }

    public string? Issuer { get; init; }
}
