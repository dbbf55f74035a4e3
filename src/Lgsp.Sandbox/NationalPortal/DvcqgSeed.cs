using System.Globalization;
using System.Text.Json.Nodes;
using Lgsp.Core.Codes;
using Lgsp.Sandbox.Data;

namespace Lgsp.Sandbox.NationalPortal;

/// <summary>
/// Dossiers DVCQG already holds when the sandbox starts: birth registrations (1.001193) of the world's first adult
/// citizens, received at the configured agency on 20 November 2025, each with two progress rows and status 4. Same
/// seed, same dossiers. Look one up with <c>TraCuuHoSo</c>; <c>GET /_sandbox/dvcqg/dossiers</c> lists them.
/// </summary>
internal static class DvcqgSeed
{
    private static readonly DateOnly ReceivedOn = new(2025, 11, 20);

    public static IReadOnlyList<(JsonObject HoSo, IReadOnlyList<JsonObject> Rows)> Build(SyntheticWorld world, NationalPortalStandInOptions options)
    {
        var agency = AgencyCode.Parse(options.SubmitAgencyCode);
        var asOf = world.Spec.AsOf;
        var owners = world.Citizens.Where(c => !c.DaChet && c.NgayThangNamSinh.Nam <= asOf.Year - 20).Take(options.SeedDossiers).ToList();
        var result = new List<(JsonObject, IReadOnlyList<JsonObject>)>();
        for (var i = 0; i < owners.Count; i++)
        {
            var owner = owners[i];
            var code = DossierCode.Create(agency, ReceivedOn, i + 1).Value;
            var received = At(ReceivedOn, 8, i % 50);
            var hoSo = new JsonObject
            {
                ["MaHoSo"] = code,
                ["MaTTHC"] = "1.001193",
                ["TenTTHC"] = "Đăng ký khai sinh",
                ["MaLinhVuc"] = "HT",
                ["TenLinhVuc"] = "Hộ tịch",
                ["KenhThucHien"] = "2",
                ["ChuHoSo"] = owner.HoVaTen.DayDu,
                ["SoGiayToChuHoSo"] = owner.SoDinhDanh,
                ["LoaiDoiTuong"] = "1",
                ["TrichYeuHoSo"] = "Đăng ký khai sinh cho con",
                ["NgayNopHoSo"] = At(ReceivedOn, 7, i % 50),
                ["NgayTiepNhan"] = received,
                ["NgayHenTra"] = At(ReceivedOn.AddDays(3), 17, 0),
                ["TrangThaiHoSo"] = "4",
                ["DonViXuLy"] = "UBND xã",
                ["HoSoCoThanhPhanSoHoa"] = "1",
                ["TaiKhoanDuocXacThucVoiVNeID"] = "1",
                ["DuocThanhToanTrucTuyen"] = "0",
                ["DinhDanhCHS"] = new JsonArray(new JsonObject { ["LoaiDinhDanh"] = "1", ["SoDinhDanh"] = owner.SoDinhDanh }),
            };
            JsonObject Row(string status, string time, string what) => new()
            {
                ["MaHoSo"] = code,
                ["NguoiXuLy"] = "Cán bộ một cửa",
                ["ChucDanh"] = "Công chức",
                ["ThoiDiemXuLy"] = time,
                ["PhongBanXuLy"] = "Bộ phận một cửa",
                ["NoiDungXuLy"] = what,
                ["TrangThai"] = status,
                ["NgayBatDau"] = received,
                ["NgayKetThucTheoQuyDinh"] = At(ReceivedOn.AddDays(3), 17, 0),
            };
            result.Add((hoSo, [Row("2", received, "Tiếp nhận hồ sơ"), Row("4", At(ReceivedOn, 9, i % 50), "Chuyển công chức tư pháp - hộ tịch xử lý")]));
        }

        return result;
    }

    private static string At(DateOnly day, int hour, int minute) =>
        day.ToDateTime(new TimeOnly(hour, minute)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
