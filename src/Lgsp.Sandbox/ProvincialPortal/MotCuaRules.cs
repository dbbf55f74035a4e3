using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lgsp.Sandbox.ProvincialPortal;

/// <summary>
/// What the one-stop system checks on a dossier or a step handed over from DVCQG. Its own vocabulary, not DVCQG's:
/// <c>loaiDoiTuong</c> is a name ("Công dân", "Doanh nghiệp", …, as TD-DVC stores it), dates are local
/// Vietnam time without an offset (<c>yyyy-MM-ddTHH:mm:ss</c>, its <c>DateTime</c> columns), statuses are
/// <c>trangThaiHoSoId</c> "1"–"10", the step number <c>buoc</c> a positive integer.
/// </summary>
internal static class MotCuaRules
{
    public const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss";

    public static readonly string[] PartyKinds = ["Công dân", "Doanh nghiệp", "Cơ quan nhà nước", "Tổ chức", "Khác", "Hộ kinh doanh"];

    private static readonly string[] DossierDates = ["ngayNopHoSo", "ngayTiepNhan", "ngayHenTra", "ngayKetThucXuLy", "ngayTra", "ngayTuChoi"];

    private static readonly string[] StepDates = ["thoiGian", "ngayBatDau", "ngayHetHanBuocXuLy"];

    public static IReadOnlyList<string> CheckDossier(JsonObject hoSo)
    {
        var errors = new List<string>();
        foreach (var field in new[] { "maHoSo", "maTTHC", "chuHoSo", "trichYeuHoSo", "maDonViTiepNhan" })
        {
            Required(hoSo, field, errors);
        }

        OneOf(hoSo, "loaiDoiTuong", PartyKinds, errors, required: true);
        OneOf(hoSo, "kenhThucHien", ["1", "2", "3"], errors, required: true);
        OneOf(hoSo, "trangThaiHoSoId", Statuses, errors, required: true);
        OneOf(hoSo, "hinhThucTra", ["0", "1"], errors);
        foreach (var field in DossierDates)
        {
            Date(hoSo, field, errors);
        }

        if (hoSo["phienBan"] is not JsonValue version || version.GetValueKind() != JsonValueKind.Number || !version.TryGetValue<int>(out var v) || v < 1)
        {
            errors.Add("phienBan: phải là số nguyên dương.");
        }

        return errors;
    }

    public static IReadOnlyList<string> CheckStep(JsonObject step)
    {
        var errors = new List<string>();
        Required(step, "maHoSo", errors);
        Required(step, "tenNguoiXuLy", errors);
        Required(step, "thoiGian", errors);
        OneOf(step, "trangThai", Statuses, errors, required: true);
        foreach (var field in StepDates)
        {
            Date(step, field, errors);
        }

        if (step["buoc"] is not JsonValue seq || seq.GetValueKind() != JsonValueKind.Number || !seq.TryGetValue<int>(out var n) || n < 1)
        {
            errors.Add("buoc: phải là số nguyên dương.");
        }

        return errors;
    }

    public static string? Text(JsonObject item, string name) =>
        item[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text ? text : null;

    private static string[] Statuses { get; } = [.. Enumerable.Range(1, 10).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    private static void Required(JsonObject item, string name, List<string> errors)
    {
        if (Text(item, name) is null)
        {
            errors.Add($"{name}: không được để trống.");
        }
    }

    private static void OneOf(JsonObject item, string name, string[] allowed, List<string> errors, bool required = false)
    {
        var text = Text(item, name);
        if (text is null)
        {
            if (required)
            {
                errors.Add($"{name}: không được để trống.");
            }
        }
        else if (!allowed.Contains(text, StringComparer.Ordinal))
        {
            errors.Add($"{name}: giá trị {text} không hợp lệ ({string.Join(", ", allowed)}).");
        }
    }

    private static void Date(JsonObject item, string name, List<string> errors)
    {
        if (Text(item, name) is { } text && !DateTime.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{name}: phải có dạng {DateFormat.Replace("'", "", StringComparison.Ordinal)} (giờ Việt Nam, không kèm múi giờ).");
        }
    }
}
