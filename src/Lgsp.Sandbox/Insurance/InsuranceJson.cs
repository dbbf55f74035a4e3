using System.Globalization;
using System.Text.Json.Nodes;
using Lgsp.Sandbox.Data.Records;

namespace Lgsp.Sandbox.Insurance;

/// <summary>
/// The BHXH lookup's JSON in BHXH's own vocabulary: <c>{maLoi, thongBao, duLieu}</c>, the participant with
/// <c>Masobhxh, Hoten, Ngaysinh (dd/MM/yyyy), Gioitinh ("Nam"/"Nữ"), Sodinhdanh, Matinh</c> and the contribution
/// history <c>QuaTrinhDong[{tuThang, denThang, maDonVi, tenDonVi, chucVu, tienLuong}]</c> with months as
/// <c>MM/yyyy</c> (<c>denThang</c> null while still contributing). Refusals carry <c>maLoi</c> and <c>thongBao</c> only.
/// </summary>
internal static class InsuranceJson
{
    public const string Success = "00";
    public const string InvalidInput = "01";
    public const string NotFound = "02";

    public static JsonObject Found(NguoiThamGiaBhxh participant) => new()
    {
        ["maLoi"] = Success,
        ["thongBao"] = "Thành công",
        ["duLieu"] = new JsonObject
        {
            ["Masobhxh"] = participant.Masobhxh,
            ["Hoten"] = participant.Hoten,
            ["Ngaysinh"] = participant.NgaySinh.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            ["Gioitinh"] = participant.GioiTinh == GioiTinh.Nam ? "Nam" : "Nữ",
            ["Sodinhdanh"] = participant.SoDinhDanh,
            ["Matinh"] = participant.MaTinh,
            ["QuaTrinhDong"] = new JsonArray([.. participant.QuaTrinh.Select(p => (JsonNode)new JsonObject
            {
                ["tuThang"] = p.TuThang,
                ["denThang"] = p.DenThang,
                ["maDonVi"] = p.MaDonVi,
                ["tenDonVi"] = p.TenDonVi,
                ["chucVu"] = p.ChucVu,
                ["tienLuong"] = p.TienLuong,
            })]),
        },
    };

    public static JsonObject Refusal(string code, string message) => new()
    {
        ["maLoi"] = code,
        ["thongBao"] = message,
    };
}
