using System.Globalization;
using Lgsp.Adapters.Insurance.Wire;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;

namespace Lgsp.Adapters.Insurance;

/// <summary>
/// BHXH's answer to the canonical <see cref="SocialInsuranceRecord"/>: months <c>MM/yyyy</c> become <c>yyyy-MM</c>,
/// <c>Nam</c>/<c>Nữ</c> become <c>male</c>/<c>female</c>. The upstream is never trusted: an answer for another code, or
/// whose dates, months, codes or amounts do not parse, is <c>upstream.insurance.bad_response</c>.
/// </summary>
internal static class SocialInsuranceMapping
{
    private const string Source = SourceNames.Insurance;

    public static SocialInsuranceRecord ToRecord(SocialInsuranceCode asked, InsuranceAnswer? answer)
    {
        if (answer is null)
        {
            throw UpstreamFaults.Malformed(Source, new("BHXH trả lời với nội dung rỗng.", "BHXH answered with an empty body."));
        }

        switch (answer.MaLoi)
        {
            case "00":
                break;
            case "02":
                throw UpstreamFaults.NotFound(Source, new("BHXH không có người tham gia với mã này.", "BHXH has no participant with this code."));
            case "01":
                throw new LgspException(UpstreamErrors.For(Source).Rejected, new("BHXH từ chối mã số BHXH.", "BHXH refused the social-insurance code."));
            default:
                throw UpstreamFaults.Malformed(Source, new("BHXH trả lời với maLoi không xác định.", "BHXH answered with an unknown maLoi."));
        }

        var data = answer.DuLieu ?? throw UpstreamFaults.Malformed(Source, new("Thiếu duLieu.", "duLieu is missing."));
        if (!SocialInsuranceCode.TryParse(data.Masobhxh, out var code) || code != asked)
        {
            throw UpstreamFaults.Malformed(Source, new("Masobhxh thiếu, sai hoặc không phải mã được hỏi.", "Masobhxh is missing, invalid or not the code asked for."));
        }

        return new SocialInsuranceRecord
        {
            Code = code,
            FullName = Text(data.Hoten),
            DateOfBirth = BirthDate(data.Ngaysinh),
            Gender = Gender(data.Gioitinh),
            PersonalId = Text(data.Sodinhdanh) is { } id
                ? PersonalId.TryParse(id, out var personalId) ? personalId : throw UpstreamFaults.Malformed(Source, new("Sodinhdanh không phải số định danh cá nhân.", "Sodinhdanh is not a personal id."))
                : null,
            ProvinceCode = Text(data.Matinh) is { } province
                ? province.Length == 2 && province.All(char.IsAsciiDigit) ? province : throw UpstreamFaults.Malformed(Source, new("Matinh không phải mã tỉnh.", "Matinh is not a province code."))
                : null,
            Periods = data.QuaTrinhDong?.Select(Period).ToList(),
        };
    }

    private static ContributionPeriod Period(QuaTrinhDongWire wire)
    {
        var from = Month(wire.TuThang) ?? throw UpstreamFaults.Malformed(Source, new("Một giai đoạn đóng BHXH thiếu tuThang.", "A contribution period has no tuThang."));
        var to = Month(wire.DenThang);
        if (to is not null && string.CompareOrdinal(to, from) < 0)
        {
            throw UpstreamFaults.Malformed(Source, new("Một giai đoạn đóng BHXH kết thúc (denThang) trước khi bắt đầu (tuThang).", "A contribution period ends (denThang) before it starts (tuThang)."));
        }

        return new ContributionPeriod
        {
            From = from,
            To = to,
            EmployerCode = Text(wire.MaDonVi),
            EmployerName = Text(wire.TenDonVi),
            Position = Text(wire.ChucVu),
            Salary = wire.TienLuong is < 0 ? throw UpstreamFaults.Malformed(Source, new("tienLuong là số âm.", "tienLuong is negative.")) : wire.TienLuong,
        };
    }

    /// <summary><c>MM/yyyy</c> → <c>yyyy-MM</c>; null for nothing.</summary>
    internal static string? Month(string? text)
    {
        if (Text(text) is not { } value)
        {
            return null;
        }

        return DateTime.TryParseExact(value, "MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month.ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : throw UpstreamFaults.Malformed(Source, new("Một tháng đóng BHXH không có dạng MM/yyyy.", "A contribution month is not MM/yyyy."));
    }

    private static DateOnly? BirthDate(string? text) => Text(text) is { } value
        ? DateOnly.TryParseExact(value, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw UpstreamFaults.Malformed(Source, new("Ngaysinh không có dạng dd/MM/yyyy.", "Ngaysinh is not dd/MM/yyyy."))
        : null;

    private static string? Gender(string? text) => Text(text)?.Normalize() switch
    {
        null => null,
        "Nam" => Genders.Male,
        "Nữ" => Genders.Female,
        _ => throw UpstreamFaults.Malformed(Source, new("Gioitinh không phải Nam hoặc Nữ.", "Gioitinh is neither Nam nor Nữ.")),
    };

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
