using System.Globalization;
using System.Text.Json.Nodes;
using Lgsp.Core.Codes;
using Lgsp.Sandbox.Data;

namespace Lgsp.Sandbox.ProvincialPortal;

/// <summary>
/// Dossiers the one-stop system already received from DVCQG when the sandbox starts: online birth registrations by
/// the world's adult citizens (after those DVCQG's stand-in seeds), coded with sequence 8001 upward on 21 November
/// 2025, each received with one step. Same seed, same dossiers; <c>GET /_sandbox/provincial/dossiers</c> lists them.
/// </summary>
internal static class MotCuaSeed
{
    private static readonly DateOnly SubmittedOn = new(2025, 11, 21);

    public static IReadOnlyList<(JsonObject HoSo, IReadOnlyList<JsonObject> Steps)> Build(SyntheticWorld world, ProvincialPortalStandInOptions options)
    {
        var agency = AgencyCode.Parse("000.00.14.H56");
        var owners = world.Citizens.Where(c => !c.DaChet && c.NgayThangNamSinh.Nam <= world.Spec.AsOf.Year - 20).Skip(100).Take(options.SeedDossiers).ToList();
        var result = new List<(JsonObject, IReadOnlyList<JsonObject>)>();
        for (var i = 0; i < owners.Count; i++)
        {
            var owner = owners[i];
            var code = DossierCode.Create(agency, SubmittedOn, 8001 + i).Value;
            var hoSo = new JsonObject
            {
                ["maHoSo"] = code,
                ["maTTHC"] = "1.001193",
                ["tenTTHC"] = "Đăng ký khai sinh",
                ["maLinhVuc"] = "HT",
                ["tenLinhVuc"] = "Hộ tịch",
                ["maDonViTiepNhan"] = agency.Value,
                ["kenhThucHien"] = "2",
                ["nguonHoSo"] = "DVCQG",
                ["chuHoSo"] = owner.HoVaTen.DayDu,
                ["loaiDoiTuong"] = "Công dân",
                ["soGiayToChuHoSo"] = owner.SoDinhDanh,
                ["trichYeuHoSo"] = "Đăng ký khai sinh cho con",
                ["ngayNopHoSo"] = At(SubmittedOn, 20, i % 50),
                ["ngayTiepNhan"] = At(SubmittedOn.AddDays(1), 8, i % 50),
                ["ngayHenTra"] = At(SubmittedOn.AddDays(4), 17, 0),
                ["trangThaiHoSoId"] = "2",
                ["phienBan"] = 2,
            };
            var step = new JsonObject
            {
                ["maHoSo"] = code,
                ["buoc"] = 1,
                ["trangThai"] = "2",
                ["tenNguoiXuLy"] = "Cán bộ một cửa",
                ["chucDanh"] = "Công chức",
                ["phongBan"] = "Bộ phận một cửa",
                ["thaoTac"] = "Tiếp nhận hồ sơ từ Cổng DVC quốc gia",
                ["thoiGian"] = At(SubmittedOn.AddDays(1), 8, i % 50),
            };
            result.Add((hoSo, [step]));
        }

        return result;
    }

    private static string At(DateOnly day, int hour, int minute) =>
        day.ToDateTime(new TimeOnly(hour, minute)).ToString(MotCuaRules.DateFormat, CultureInfo.InvariantCulture);
}
