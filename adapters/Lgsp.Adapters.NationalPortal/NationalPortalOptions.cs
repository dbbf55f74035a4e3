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

    /// <summary>
    /// How DVCQG is spoken (<see cref="DvcqgProfile"/>): the envelope of every call, how an answer says success, and
    /// the defaults of <see cref="Auth"/> and <see cref="KeepProcedureSuffix"/>. Default <see cref="DvcqgProfile.PerCall"/>,
    /// the convention of the newest public sender (TD-DVC's <c>SyncLocalDataToDVCQGService</c>).
    /// </summary>
    public DvcqgProfile Profile { get; init; } = DvcqgProfile.PerCall;

    /// <summary>How the hub proves who it is; absent: the profile's (<see cref="EffectiveAuth"/>).</summary>
    public DvcqgAuth? Auth { get; init; }

    /// <summary>Where each call goes, relative to <c>BaseUrl</c>.</summary>
    public DvcqgPaths Paths { get; init; } = new();

    /// <summary>The <c>dstcode</c> header (OpenCPS: the destination's code at the integration platform), sent on every call when set; required with session login.</summary>
    public string? DstCode { get; init; }

    /// <summary><c>madonvi</c>: the unit the hub speaks for in the <see cref="DvcqgProfile.Service"/> envelope (required there).</summary>
    public string? UnitCode { get; init; }

    /// <summary>How long a login session is used before logging in again (the login answer gives no lifetime; inferred).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Whether <c>MaTTHC</c> keeps the local suffix (<c>1.003560.000.00.00.H56</c>) when no mapping names the national
    /// code; absent: the profile's (<see cref="KeepsProcedureSuffix"/>: kept by <see cref="DvcqgProfile.PerCall"/> and
    /// <see cref="DvcqgProfile.Service"/>, as both public senders send the code they hold; stripped by
    /// <see cref="DvcqgProfile.Gateway"/>).
    /// </summary>
    public bool? KeepProcedureSuffix { get; init; }

    public AgencyCode AliasAgency => AgencyCode.Parse(AliasAgencyCode ?? "000.00.00." + ProvinceCode);

    public DvcqgAuth EffectiveAuth => Auth ?? Profile switch
    {
        DvcqgProfile.Gateway => DvcqgAuth.OAuth,
        DvcqgProfile.Service => DvcqgAuth.Session,
        _ => DvcqgAuth.None,
    };

    public bool KeepsProcedureSuffix => KeepProcedureSuffix ?? Profile != DvcqgProfile.Gateway;
}

/// <summary>The conventions DVCQG is spoken in; each is a complete way of talking to it (adapter README, "What it speaks").</summary>
public enum DvcqgProfile
{
    /// <summary>
    /// One path per operation (TD-DVC's <c>URLThemMoi</c>/<c>URLCapNhat</c>/<c>URLDongBoTienTrinh</c>), the packets as
    /// the body, no authentication of its own by default; success is an answer that says "thành công" (JSON whose
    /// <c>error_code</c>, when present, is 0, or a plain-text reply).
    /// </summary>
    PerCall,

    /// <summary>
    /// One integration endpoint (OpenCPS's <c>integration_endpoint</c>), a body <c>{session, madonvi, service, …}</c>
    /// naming the operation (<c>TraCuuHoSo</c>, <c>DongBoHoSoMC</c>, <c>CapNhatTienDoHoSoMC</c>), session login and
    /// the <c>dstcode</c> header by default; success is <c>error_code</c> 0, a lookup's answer is <c>result[]</c>.
    /// </summary>
    Service,

    /// <summary>The hub's first guess, kept: one path per operation behind an OAuth gateway, <c>error_code</c> required on every answer.</summary>
    Gateway,
}

/// <summary>How the hub proves who it is to DVCQG.</summary>
public enum DvcqgAuth
{
    /// <summary>Nothing (TD-DVC: the connection itself is trusted).</summary>
    None,

    /// <summary>Login with a user name and password, answered <c>{error_code: 0, session}</c>; the session goes in every body (OpenCPS).</summary>
    Session,

    /// <summary>OAuth 2 client credentials at <see cref="DvcqgPaths.Token"/>, the token as <c>Authorization: Bearer</c>.</summary>
    OAuth,
}

/// <summary>Where each call goes (<c>Adapters:dvcqg:Paths:…</c>), relative to <c>BaseUrl</c>; a leading <c>/</c> is ignored.</summary>
public sealed record DvcqgPaths
{
    /// <summary>OAuth token endpoint.</summary>
    public string Token { get; init; } = "token";

    /// <summary>Session login (OpenCPS's <c>auth_endpoint</c>; its value is deployment-specific, this default is ours).</summary>
    public string Login { get; init; } = "auth";

    /// <summary>The one endpoint of the <see cref="DvcqgProfile.Service"/> envelope (OpenCPS's <c>integration_endpoint</c>).</summary>
    public string Service { get; init; } = "service";

    public string Lookup { get; init; } = "api/TraCuuHoSo";

    public string Create { get; init; } = "api/ThemMoi";

    public string Update { get; init; } = "api/CapNhat";

    public string Progress { get; init; } = "api/DongBoTienTrinh";

    internal static string Relative(string path) => path.TrimStart('/');
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
    private const int MaxProgressChunk = 10;
    private const int MaxHeaderValue = 100;

    public static readonly string[] PartyKinds = ["Citizen", "Business", "StateAgency", "Organization", "HouseholdBusiness"];
    public static readonly string[] Channels = ["Direct", "Online", "Postal"];

    public ValidateOptionsResult Validate(string? name, NationalPortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != NationalPortalSource.Name)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<SettingFailure>();
        var provinceOk = ProvincePattern().IsMatch(options.ProvinceCode ?? "");
        if (!provinceOk)
        {
            errors.Add(new SettingFailure("ProvinceCode", SettingReasons.ProvinceCode));
        }

        if (!AgencyCode.TryParse(options.AliasAgencyCode ?? "000.00.00." + options.ProvinceCode, out var alias))
        {
            errors.Add(new SettingFailure("AliasAgencyCode", SettingReasons.AgencyCodeExpected));
        }
        else if (provinceOk && !alias.ShortForm.Contains(options.ProvinceCode!, StringComparison.Ordinal))
        {
            errors.Add(new SettingFailure("AliasAgencyCode", SettingReasons.AgencyCodeProvince, options.ProvinceCode));
        }

        if (options.ProgressChunkSize is < 1 or > MaxProgressChunk)
        {
            // DVCQG refuses more than 10 rows per call.
            errors.Add(new SettingFailure("ProgressChunkSize", SettingReasons.NumberRange, 1, MaxProgressChunk));
        }

        Wire(errors, options);
        var mappings = options.Mappings ?? new NationalPortalMappings();
        Enumeration(errors, "Mappings:LoaiDoiTuong", mappings.LoaiDoiTuong, PartyKinds, ["1", "2", "3", "4"]);
        Enumeration(errors, "Mappings:KenhThucHien", mappings.KenhThucHien, Channels, ["1", "2", "3"]);
        foreach (var (local, national) in mappings.DanhSachThuTucDongBoDVC ?? [])
        {
            if (!ProcedureCode.TryParse(local, out _, out var error))
            {
                errors.Add(new SettingFailure("Mappings:DanhSachThuTucDongBoDVC", SettingReasons.ProcedureCode, local, error));
            }

            if (!NationalProcedure().IsMatch(national ?? ""))
            {
                errors.Add(new SettingFailure($"Mappings:DanhSachThuTucDongBoDVC:{local}", SettingReasons.NationalProcedureCode));
            }
        }

        return SettingsValidationResult.From(UpstreamOptions.SectionFor(NationalPortalSource.Name), errors);
    }

    private static void Wire(List<SettingFailure> errors, NationalPortalOptions options)
    {
        if (!Enum.IsDefined(options.Profile))
        {
            errors.Add(new SettingFailure("Profile", SettingReasons.OneOf, Enum.GetNames<DvcqgProfile>()));
        }

        if (options.Auth is { } auth && !Enum.IsDefined(auth))
        {
            errors.Add(new SettingFailure("Auth", SettingReasons.OneOf, Enum.GetNames<DvcqgAuth>()));
        }

        var paths = options.Paths ?? new DvcqgPaths();
        var defaults = new DvcqgPaths();
        foreach (var (key, path, example) in new[]
        {
            ("Token", paths.Token, defaults.Token), ("Login", paths.Login, defaults.Login), ("Service", paths.Service, defaults.Service),
            ("Lookup", paths.Lookup, defaults.Lookup), ("Create", paths.Create, defaults.Create), ("Update", paths.Update, defaults.Update),
            ("Progress", paths.Progress, defaults.Progress),
        })
        {
            if (!RelativePath().IsMatch(DvcqgPaths.Relative(path ?? "")) || (path ?? "").Contains("..", StringComparison.Ordinal))
            {
                errors.Add(new SettingFailure($"Paths:{key}", SettingReasons.RelativePath, example));
            }
        }

        if (options.DstCode is { } dst && !HeaderValue().IsMatch(dst))
        {
            errors.Add(new SettingFailure("DstCode", SettingReasons.Token, MaxHeaderValue));
        }

        if (options.EffectiveAuth == DvcqgAuth.Session && string.IsNullOrEmpty(options.DstCode))
        {
            errors.Add(new SettingFailure("DstCode", SettingReasons.DstCodeRequired));
        }

        if (options.Profile == DvcqgProfile.Service && (options.UnitCode is not { } unit || !HeaderValue().IsMatch(unit)))
        {
            errors.Add(new SettingFailure("UnitCode", SettingReasons.UnitCodeRequired));
        }

        if (options.SessionLifetime < TimeSpan.FromMinutes(1) || options.SessionLifetime > TimeSpan.FromDays(1))
        {
            errors.Add(new SettingFailure("SessionLifetime", SettingReasons.DurationRange, "00:01:00", "1.00:00:00"));
        }
    }

    private static void Enumeration(List<SettingFailure> errors, string key, Dictionary<string, string>? map, string[] names, string[] values)
    {
        map ??= [];
        foreach (var missing in names.Where(n => !map.ContainsKey(n)))
        {
            errors.Add(new SettingFailure($"{key}:{missing}", SettingReasons.MappingMissing));
        }

        foreach (var (from, to) in map)
        {
            if (!names.Contains(from, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new SettingFailure(key, SettingReasons.MappingUnknownName, from, names));
            }
            else if (!values.Contains(to, StringComparer.Ordinal))
            {
                errors.Add(new SettingFailure($"{key}:{from}", SettingReasons.OneOf, values));
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_./-]{0,199}$")]
    private static partial Regex RelativePath();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex HeaderValue();

    [GeneratedRegex("^[A-Z][0-9]{2}$")]
    private static partial Regex ProvincePattern();

    [GeneratedRegex(@"^[0-9]\.[0-9]{6}$")]
    private static partial Regex NationalProcedure();
}
