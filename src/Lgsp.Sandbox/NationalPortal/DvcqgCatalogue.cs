using System.Text.Json.Nodes;

namespace Lgsp.Sandbox.NationalPortal;

/// <summary>
/// DVCQG's shared catalogues, synthetic: national procedures (<c>MATTHC</c>, <c>TENTTHC</c>), agencies (<c>MADONVI</c>,
/// <c>TENDONVI</c>, <c>CAPDONVI</c>) and fields (<c>MALINHVUC</c>, <c>TENLINHVUC</c>), the members OpenCPS reads. Codes
/// have the real shapes (<c>1.001193</c>, <c>000.00.00.H56</c>); names are illustrative. Every procedure code the
/// sandbox's own dossiers and the hub's default access rights use is here.
/// </summary>
internal static class DvcqgCatalogue
{
    public static readonly (string Code, string Name)[] Procedures =
    [
        ("1.001193", "Đăng ký khai sinh"),
        ("1.000894", "Đăng ký kết hôn"),
        ("1.000656", "Đăng ký khai tử"),
        ("1.004227", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"),
        ("2.000488", "Xác nhận thông tin về cư trú"),
        ("1.003560", "Cấp bản sao trích lục hộ tịch"),
        ("1.005129", "Đăng ký thành lập doanh nghiệp tư nhân"),
        ("2.001610", "Đăng ký thành lập hộ kinh doanh"),
        ("1.001612", "Đăng ký thường trú"),
        ("2.002621", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"),
        ("1.000022", "Đăng ký nhận cha, mẹ, con"),
        ("1.004884", "Cấp phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam"),
    ];

    public static readonly (string Code, string Name, string Level)[] Agencies =
    [
        ("000.00.00.H56", "Ủy ban nhân dân tỉnh", "1"),
        ("000.00.01.H56", "Văn phòng Ủy ban nhân dân tỉnh", "2"),
        ("000.00.14.H56", "Sở Tư pháp", "2"),
        ("000.00.15.H56", "Sở Tài nguyên và Môi trường", "2"),
        ("000.00.20.H56", "Sở Kế hoạch và Đầu tư", "2"),
        ("000.14.03.H56", "Ủy ban nhân dân phường Trung tâm", "3"),
    ];

    public static readonly (string Code, string Name)[] Fields =
    [
        ("G09-TP06", "Hộ tịch"),
        ("G09-TN01", "Đất đai"),
        ("G09-KH01", "Thành lập và hoạt động của doanh nghiệp"),
        ("G09-CA02", "Đăng ký, quản lý cư trú"),
        ("G09-XD04", "Cấp phép xây dựng"),
    ];

    /// <summary>The rows of one catalogue, or null for a service DVCQG does not share.</summary>
    public static JsonArray? Rows(string? service) => service switch
    {
        "LayDanhSachTTHC" => [.. Procedures.Select(p => (JsonNode)new JsonObject { ["MATTHC"] = p.Code, ["TENTTHC"] = p.Name })],
        "LayDanhMucCoQuan" => [.. Agencies.Select(a => (JsonNode)new JsonObject { ["MADONVI"] = a.Code, ["TENDONVI"] = a.Name, ["CAPDONVI"] = a.Level })],
        "LayDanhMucLinhVuc" => [.. Fields.Select(f => (JsonNode)new JsonObject { ["MALINHVUC"] = f.Code, ["TENLINHVUC"] = f.Name })],
        _ => null,
    };
}
