using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lgsp.Sandbox.NationalPortal;

/// <summary>
/// What DVCQG checks on what it receives (DOMAIN.md §2.3–2.5, §7): every value a string, dates as
/// <c>yyyyMMddHHmmss</c>, statuses 1–10, its own enumerations (LoaiDoiTuong 1–4, KenhThucHien 1–3, …), the national
/// procedure code, the province prefix in MaHoSo, the lengths it enforces. Each problem is one message, in
/// DVCQG's language, naming the field.
/// </summary>
internal static partial class DvcqgRules
{
    public const int MaxRowsPerCall = 10;
    public const int MaxSummaryLength = 1000;
    public const int MaxActorLength = 50;

    public static readonly string[] DossierDates = ["NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy", "NgayTuChoi", "NgayNopHoSo"];

    private static readonly string[] RowDates = ["ThoiDiemXuLy", "NgayBatDau", "NgayKetThucTheoQuyDinh"];

    private static readonly string[] SupplementDates = ["NgayBoSung", "NgayTiepNhanBoSung", "NgayHenTraTruoc", "NgayHenTraMoi"];

    /// <param name="localSuffix">Whether this side takes a procedure code with its local suffix
    /// (<c>1.003560.000.00.00.H56</c>), as DVCQG does when spoken to the way TD-DVC and OpenCPS speak.</param>
    public static IReadOnlyList<string> CheckDossier(JsonObject hoSo, string provinceCode, bool localSuffix = false)
    {
        var errors = new List<string>();
        AllStrings(hoSo, "", errors);
        var code = Text(hoSo, "MaHoSo");
        if (code is null)
        {
            errors.Add("MaHoSo: bắt buộc.");
        }
        else if (!code.Split('-')[0].Contains(provinceCode, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"MaHoSo: mã hồ sơ {code} không chứa mã định danh của tỉnh ({provinceCode}).");
        }

        if (Text(hoSo, "MaTTHC") is not { } procedure)
        {
            errors.Add("MaTTHC: bắt buộc.");
        }
        else if (!NationalProcedureCode().IsMatch(procedure) && !(localSuffix && LocalProcedureCode().IsMatch(procedure)))
        {
            errors.Add($"MaTTHC: {procedure} không phải mã thủ tục trên Cơ sở dữ liệu quốc gia về TTHC.");
        }

        Required(hoSo, "ChuHoSo", errors);
        if (Text(hoSo, "TrichYeuHoSo") is not { } summary)
        {
            errors.Add("TrichYeuHoSo: bắt buộc.");
        }
        else if (summary.Length > MaxSummaryLength)
        {
            errors.Add($"TrichYeuHoSo: tối đa {MaxSummaryLength} ký tự.");
        }

        var status = OneOf(hoSo, "TrangThaiHoSo", Range(1, 10), errors, required: true);
        OneOf(hoSo, "KenhThucHien", ["1", "2", "3"], errors, required: true);
        OneOf(hoSo, "LoaiDoiTuong", ["1", "2", "3", "4"], errors, required: true);
        OneOf(hoSo, "HinhThuc", ["0", "1"], errors);
        OneOf(hoSo, "HoSoCoThanhPhanSoHoa", ["0", "1"], errors);
        OneOf(hoSo, "TaiKhoanDuocXacThucVoiVNeID", ["0", "1"], errors);
        OneOf(hoSo, "DuocThanhToanTrucTuyen", ["0", "1", "3"], errors);
        foreach (var field in DossierDates)
        {
            Date(hoSo, field, "", errors);
        }

        // A dossier in processing or finished has been received. 1 never was; 3 (refused at the desk) and 7 (withdrawn)
        // come with NgayTiepNhan when the desk took them in (TD-DVC) and blank when it never did (OpenCPS sends "").
        if (status is not null and not ("1" or "3" or "7") && Text(hoSo, "NgayTiepNhan") is null)
        {
            errors.Add("NgayTiepNhan: bắt buộc với hồ sơ đã tiếp nhận.");
        }

        Items(hoSo, "DinhDanhCHS", errors, (item, at) =>
        {
            var kind = OneOf(item, "LoaiDinhDanh", ["1", "2"], errors, required: true, at);
            var number = Text(item, "SoDinhDanh");
            if (number is null || !number.All(char.IsAsciiDigit) || (kind == "1" && number.Length != 12) || (kind == "2" && number.Length != 9))
            {
                errors.Add($"{at}SoDinhDanh: phải là 12 chữ số (LoaiDinhDanh 1) hoặc 9 chữ số (LoaiDinhDanh 2).");
            }
        });
        Items(hoSo, "TaiLieuNop", errors, (item, at) =>
        {
            Required(item, "TenTepDinhKem", errors, at);
            OneOf(item, "DuocTaiSuDung", ["0", "1", "2"], errors, at: at);
            OneOf(item, "DuocLayTuKhoDMQG", ["0", "1"], errors, at: at);
            OneOf(item, "DuocSoHoa", ["0", "1"], errors, at: at);
            OneOf(item, "IsDeleted", ["0", "1"], errors, at: at);
            if (Text(item, "DuocTaiSuDung") == "2" && Text(item, "MaKetQuaThayThe") is null)
            {
                errors.Add($"{at}MaKetQuaThayThe: bắt buộc khi DuocTaiSuDung = 2.");
            }
        });
        Items(hoSo, "DanhSachLePhi", errors, (item, at) =>
        {
            Required(item, "TenPhiLePhi", errors, at);
            OneOf(item, "LoaiPhiLePhi", ["1", "2", "3"], errors, at: at);
            OneOf(item, "HinhThucThu", ["1", "2", "4"], errors, at: at);
            if (Text(item, "Gia") is { } price && !decimal.TryParse(price, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
            {
                errors.Add($"{at}Gia: phải là số không âm.");
            }
        });
        Items(hoSo, "DanhSachHoSoBoSung", errors, (item, at) =>
        {
            foreach (var field in SupplementDates)
            {
                Date(item, field, at, errors);
            }
        });
        Items(hoSo, "DanhSachGiayToKetQua", errors, (item, at) => Required(item, "TenGiayTo", errors, at));
        return errors;
    }

    public static IReadOnlyList<string> CheckRow(JsonObject row, string at)
    {
        var errors = new List<string>();
        AllStrings(row, at, errors);
        Required(row, "MaHoSo", errors, at);
        if (Text(row, "NguoiXuLy") is not { } actor)
        {
            errors.Add($"{at}NguoiXuLy: bắt buộc.");
        }
        else if (actor.Length > MaxActorLength)
        {
            errors.Add($"{at}NguoiXuLy: tối đa {MaxActorLength} ký tự.");
        }

        if (Text(row, "ThoiDiemXuLy") is null)
        {
            errors.Add($"{at}ThoiDiemXuLy: bắt buộc.");
        }

        foreach (var field in RowDates)
        {
            Date(row, field, at, errors);
        }

        OneOf(row, "TrangThai", Range(1, 10), errors, required: true, at);
        return errors;
    }

    /// <summary>A member's text; null when absent, JSON null or empty (DVCQG treats "" as not given).</summary>
    public static string? Text(JsonObject item, string name) =>
        item[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text ? text : null;

    private static string[] Range(int from, int to) => [.. Enumerable.Range(from, to - from + 1).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    private static void Required(JsonObject item, string name, List<string> errors, string at = "")
    {
        if (Text(item, name) is null)
        {
            errors.Add($"{at}{name}: bắt buộc.");
        }
    }

    private static string? OneOf(JsonObject item, string name, string[] allowed, List<string> errors, bool required = false, string at = "")
    {
        var text = Text(item, name);
        if (text is null)
        {
            if (required)
            {
                errors.Add($"{at}{name}: bắt buộc.");
            }

            return null;
        }

        if (!allowed.Contains(text, StringComparer.Ordinal))
        {
            errors.Add($"{at}{name}: giá trị {text} không thuộc danh mục ({string.Join(", ", allowed)}).");
            return null;
        }

        return text;
    }

    private static void Date(JsonObject item, string name, string at, List<string> errors)
    {
        if (Text(item, name) is { } text && !DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{at}{name}: sai định dạng ngày yyyyMMddHHmmss ({text}).");
        }
    }

    private static void Items(JsonObject hoSo, string name, List<string> errors, Action<JsonObject, string> check)
    {
        switch (hoSo[name])
        {
            case null:
                return;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject item)
                    {
                        check(item, string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]."));
                    }
                    else
                    {
                        errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]: phải là đối tượng."));
                    }
                }

                return;
            default:
                errors.Add($"{name}: phải là mảng.");
                return;
        }
    }

    /// <summary>DVCQG's packets carry every scalar as a string (TD-DVC and OpenCPS both send them so).</summary>
    private static void AllStrings(JsonObject item, string at, List<string> errors)
    {
        foreach (var (name, value) in item)
        {
            if (value is JsonValue scalar && scalar.GetValueKind() is not JsonValueKind.String)
            {
                errors.Add($"{at}{name}: phải là chuỗi ký tự.");
            }
        }
    }

    [GeneratedRegex(@"^[0-9]\.[0-9]{6}$")]
    private static partial Regex NationalProcedureCode();

    [GeneratedRegex(@"^[0-9]\.[0-9]{6}(\.[0-9A-Z]{2,3}){1,5}$")]
    private static partial Regex LocalProcedureCode();
}
