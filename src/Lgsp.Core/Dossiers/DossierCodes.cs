using System.Text.Json.Serialization;

namespace Lgsp.Core.Dossiers;

// The enumerations of a dossier's fields, each keeping the DVCQG code as its value (DOMAIN.md §2).

/// <summary>KenhThucHien (DOMAIN.md §2.5).</summary>
public enum DossierChannel
{
    /// <summary>1 — Trực tiếp.</summary>
    Direct = 1,

    /// <summary>2 — Trực tuyến.</summary>
    Online = 2,

    /// <summary>3 — Bưu chính công ích.</summary>
    Postal = 3,
}

/// <summary>HinhThuc: how the result is returned.</summary>
public enum ReturnMethod
{
    /// <summary>0 — at the desk.</summary>
    Direct = 0,

    /// <summary>1 — by post.</summary>
    Postal = 1,
}

/// <summary>DuocThanhToanTrucTuyen as TD-DVC sends it ("3" is UNVERIFIED in DOMAIN.md §2.5).</summary>
public enum OnlinePayment
{
    /// <summary>0 — default, nothing said.</summary>
    None = 0,

    /// <summary>1 — paid online.</summary>
    Paid = 1,

    /// <summary>3 — not paid online.</summary>
    NotPaid = 3,
}

/// <summary>The hub's party kinds (TD-DVC's LoaiDoiTuong 1–4, plus household business).</summary>
public enum PartyKind
{
    /// <summary>1 — công dân.</summary>
    Citizen = 1,

    /// <summary>2 — doanh nghiệp.</summary>
    Business = 2,

    /// <summary>3 — cơ quan nhà nước.</summary>
    StateAgency = 3,

    /// <summary>4 — tổ chức, khác.</summary>
    Organization = 4,

    /// <summary>5 — hộ kinh doanh (DVC-Bộ iGate's 2).</summary>
    HouseholdBusiness = 5,
}

/// <summary>Which identifier a <see cref="PartyIdentifier"/> holds; JSON carries the camelCase name.</summary>
public enum PartyIdentifierType
{
    /// <summary>12-digit CCCD / số định danh or 9-digit CMND (<see cref="Codes.PersonalId"/>).</summary>
    [JsonStringEnumMemberName("personalId")]
    PersonalId,

    /// <summary>Passport number (letters and digits).</summary>
    [JsonStringEnumMemberName("passport")]
    Passport,

    /// <summary>Mã số thuế: same structure as the enterprise code (<see cref="Codes.EnterpriseCode"/>).</summary>
    [JsonStringEnumMemberName("taxCode")]
    TaxCode,

    /// <summary>Mã số doanh nghiệp (<see cref="Codes.EnterpriseCode"/>).</summary>
    [JsonStringEnumMemberName("enterpriseCode")]
    EnterpriseCode,

    /// <summary>Mã số BHXH (<see cref="Codes.SocialInsuranceCode"/>).</summary>
    [JsonStringEnumMemberName("socialInsuranceCode")]
    SocialInsuranceCode,

    /// <summary>The DVCQG / VNeID account key (MaDoiTuong for online dossiers).</summary>
    [JsonStringEnumMemberName("techId")]
    TechId,
}

/// <summary>LoaiBan.</summary>
public enum CopyType
{
    /// <summary>0 — bản chính.</summary>
    Original = 0,

    /// <summary>1 — bản sao.</summary>
    Copy = 1,

    /// <summary>2 — bản điện tử.</summary>
    Electronic = 2,
}

/// <summary>DuocTaiSuDung.</summary>
public enum ComponentReuse
{
    /// <summary>0 — not re-used.</summary>
    None = 0,

    /// <summary>1 — re-used digitised data.</summary>
    Reused = 1,

    /// <summary>2 — replaced by an earlier result (<c>MaKetQuaThayThe</c>).</summary>
    ReusedAsResult = 2,
}

/// <summary>LoaiPhiLePhi.</summary>
public enum FeeKind
{
    /// <summary>1 — lệ phí thông thường.</summary>
    Normal = 1,

    /// <summary>2 — phí thẩm định.</summary>
    Appraisal = 2,

    /// <summary>3 — gia hạn.</summary>
    Extension = 3,
}

/// <summary>HinhThucThu: when the fee is collected.</summary>
public enum FeeCollection
{
    /// <summary>1 — at intake.</summary>
    AtIntake = 1,

    /// <summary>2 — with a supplement.</summary>
    AtSupplement = 2,

    /// <summary>4 — with the result.</summary>
    AtResult = 4,
}
