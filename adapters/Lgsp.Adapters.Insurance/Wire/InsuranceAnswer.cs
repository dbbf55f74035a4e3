using System.Text.Json.Serialization;

namespace Lgsp.Adapters.Insurance.Wire;

// The BHXH answer in BHXH's own vocabulary. Every member is optional on the wire: what is required is decided by
// SocialInsuranceMapping, which refuses an answer without it (bad_response).

/// <summary><c>{maLoi, thongBao, duLieu}</c>: <c>00</c> found, <c>01</c> refused input, <c>02</c> not found.</summary>
internal sealed record InsuranceAnswer
{
    [JsonPropertyName("maLoi")]
    public string? MaLoi { get; init; }

    [JsonPropertyName("thongBao")]
    public string? ThongBao { get; init; }

    [JsonPropertyName("duLieu")]
    public NguoiThamGiaWire? DuLieu { get; init; }
}

/// <summary>A participant: <c>Masobhxh, Hoten, Ngaysinh (dd/MM/yyyy), Gioitinh (Nam/Nữ), Sodinhdanh, Matinh, QuaTrinhDong</c>.</summary>
internal sealed record NguoiThamGiaWire
{
    [JsonPropertyName("Masobhxh")]
    public string? Masobhxh { get; init; }

    [JsonPropertyName("Hoten")]
    public string? Hoten { get; init; }

    [JsonPropertyName("Ngaysinh")]
    public string? Ngaysinh { get; init; }

    [JsonPropertyName("Gioitinh")]
    public string? Gioitinh { get; init; }

    [JsonPropertyName("Sodinhdanh")]
    public string? Sodinhdanh { get; init; }

    [JsonPropertyName("Matinh")]
    public string? Matinh { get; init; }

    [JsonPropertyName("QuaTrinhDong")]
    public IReadOnlyList<QuaTrinhDongWire>? QuaTrinhDong { get; init; }
}

/// <summary>One contribution period, months as <c>MM/yyyy</c>; <c>denThang</c> null while still contributing.</summary>
internal sealed record QuaTrinhDongWire
{
    [JsonPropertyName("tuThang")]
    public string? TuThang { get; init; }

    [JsonPropertyName("denThang")]
    public string? DenThang { get; init; }

    [JsonPropertyName("maDonVi")]
    public string? MaDonVi { get; init; }

    [JsonPropertyName("tenDonVi")]
    public string? TenDonVi { get; init; }

    [JsonPropertyName("chucVu")]
    public string? ChucVu { get; init; }

    [JsonPropertyName("tienLuong")]
    public long? TienLuong { get; init; }
}

[JsonSerializable(typeof(InsuranceAnswer))]
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
internal sealed partial class InsuranceJson : JsonSerializerContext;
