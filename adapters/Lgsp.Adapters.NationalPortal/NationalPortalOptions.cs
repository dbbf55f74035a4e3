using System.Text.RegularExpressions;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.Codes;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal;

/// <summary>
/// What the national-portal adapter needs beyond <see cref="UpstreamOptions"/>, in the same section
/// (<c>Adapters:dvcqg</c>): the province DVCQG knows the hub as, and how the hub's values map to DVCQG's
/// enumerations and codes (they differ between systems, DOMAIN.md §2.5). Read at each delivery, so a reload (issue #6:
/// operators changing mappings at runtime) applies to the next event; an invalid reload is refused.
/// </summary>
public sealed record NationalPortalOptions
{
    /// <summary>MaDinhDanhTinh: DVCQG refuses a MaHoSo whose first segment does not contain it (DOMAIN.md §1.2).</summary>
    public string ProvinceCode { get; init; } = "H56";

    /// <summary>
    /// The agency whose short code starts a made-up <c>MaHoSoKhac</c> when neither the dossier code nor the receiving
    /// agency carries the province code; default the provincial People's Committee, <c>000.00.00.&lt;ProvinceCode&gt;</c>.
    /// </summary>
    public string? AliasAgencyCode { get; init; }

    /// <summary>Progress rows per <c>DongBoTienTrinh</c> call; DVCQG refuses more than 10.</summary>
    public int ProgressChunkSize { get; init; } = 10;

    public NationalPortalMappings Mappings { get; init; } = new();

    public AgencyCode AliasAgency => AgencyCode.Parse(AliasAgencyCode ?? "000.00.00." + ProvinceCode);
}

/// <summary>
/// The hub's values → DVCQG's (<c>Adapters:dvcqg:Mappings:…</c>). Keys are the hub's enumeration names (or local
/// procedure codes), values DVCQG's codes as strings. Configuration adds to or overrides the defaults below.
/// </summary>
public sealed record NationalPortalMappings
{
    /// <summary>The hub's party kind → DVCQG's LoaiDoiTuong (1 công dân, 2 doanh nghiệp, 3 cơ quan nhà nước, 4 tổ chức/khác).</summary>
    public Dictionary<string, string> LoaiDoiTuong { get; init; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Citizen"] = "1",
        ["Business"] = "2",
        ["StateAgency"] = "3",
        ["Organization"] = "4",
        // DVCQG has no household-business kind; it is neither a person nor an enterprise there.
        ["HouseholdBusiness"] = "4",
    };

    /// <summary>The hub's channel → DVCQG's KenhThucHien (1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích).</summary>
    public Dictionary<string, string> KenhThucHien { get; init; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Direct"] = "1",
        ["Online"] = "2",
        ["Postal"] = "3",
    };

    /// <summary>
    /// DanhSachThuTucDongBoDVC: a local procedure code → the national MaTTHC, for local codes that are not simply the
    /// national code with the agency appended (those map by dropping the suffix).
    /// </summary>
    public Dictionary<string, string> DanhSachThuTucDongBoDVC { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Every problem of <see cref="NationalPortalOptions"/>, named by key; run on start and on each reload.</summary>
internal sealed partial class NationalPortalOptionsValidator : IValidateOptions<NationalPortalOptions>
{
    public static readonly string[] PartyKinds = ["Citizen", "Business", "StateAgency", "Organization", "HouseholdBusiness"];
    public static readonly string[] Channels = ["Direct", "Online", "Postal"];

    public ValidateOptionsResult Validate(string? name, NationalPortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != NationalPortalSource.Name)
        {
            return ValidateOptionsResult.Skip;
        }

        var section = UpstreamOptions.SectionFor(NationalPortalSource.Name);
        var errors = new List<string>();
        var provinceOk = ProvincePattern().IsMatch(options.ProvinceCode ?? "");
        if (!provinceOk)
        {
            errors.Add($"{section}:ProvinceCode must be a level-1 code such as H56.");
        }

        if (!AgencyCode.TryParse(options.AliasAgencyCode ?? "000.00.00." + options.ProvinceCode, out var alias))
        {
            errors.Add($"{section}:AliasAgencyCode must be an agency code (QCVN 102).");
        }
        else if (provinceOk && !alias.ShortForm.Contains(options.ProvinceCode!, StringComparison.Ordinal))
        {
            errors.Add($"{section}:AliasAgencyCode must carry the province code {options.ProvinceCode}.");
        }

        if (options.ProgressChunkSize is < 1 or > 10)
        {
            errors.Add($"{section}:ProgressChunkSize must be between 1 and 10 (DVCQG refuses more).");
        }

        var mappings = options.Mappings ?? new NationalPortalMappings();
        Enumeration(errors, $"{section}:Mappings:LoaiDoiTuong", mappings.LoaiDoiTuong, PartyKinds, ["1", "2", "3", "4"]);
        Enumeration(errors, $"{section}:Mappings:KenhThucHien", mappings.KenhThucHien, Channels, ["1", "2", "3"]);
        foreach (var (local, national) in mappings.DanhSachThuTucDongBoDVC ?? [])
        {
            if (!ProcedureCode.TryParse(local, out _))
            {
                errors.Add($"{section}:Mappings:DanhSachThuTucDongBoDVC: '{local}' is not a procedure code.");
            }

            if (!NationalProcedure().IsMatch(national ?? ""))
            {
                errors.Add($"{section}:Mappings:DanhSachThuTucDongBoDVC:{local} must be a national procedure code such as 1.001193.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Enumeration(List<string> errors, string key, Dictionary<string, string>? map, string[] names, string[] values)
    {
        map ??= [];
        foreach (var missing in names.Where(n => !map.ContainsKey(n)))
        {
            errors.Add($"{key}:{missing} is missing.");
        }

        foreach (var (from, to) in map)
        {
            if (!names.Contains(from, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{key}: '{from}' is not one of {string.Join(", ", names)}.");
            }
            else if (!values.Contains(to, StringComparer.Ordinal))
            {
                errors.Add($"{key}:{from} must be one of DVCQG's values {string.Join(", ", values)}.");
            }
        }
    }

    [GeneratedRegex("^[A-Z][0-9]{2}$")]
    private static partial Regex ProvincePattern();

    [GeneratedRegex(@"^[0-9]\.[0-9]{6}$")]
    private static partial Regex NationalProcedure();
}
