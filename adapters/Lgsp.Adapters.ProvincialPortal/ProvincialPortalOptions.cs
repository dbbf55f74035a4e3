using Lgsp.Adapters.Sdk.Options;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.ProvincialPortal;

/// <summary>
/// What the provincial one-stop adapter needs beyond <see cref="UpstreamOptions"/>, in the same section
/// (<c>Adapters:provincial</c>): the tenant the hub's account lives in and how the hub's values map to the one-stop
/// system's (DOMAIN.md §2.5: enumerations differ per system). Read at each delivery, so a reload applies to the next.
/// </summary>
public sealed record ProvincialPortalOptions
{
    /// <summary>The <c>tenant</c> header of every call (multi-tenant one-stop systems host several provinces or units).</summary>
    public string Tenant { get; init; } = "root";

    public ProvincialPortalMappings Mappings { get; init; } = new();
}

/// <summary>The hub's values → the one-stop system's (<c>Adapters:provincial:Mappings:…</c>); configuration adds to or overrides these.</summary>
public sealed record ProvincialPortalMappings
{
    /// <summary>The hub's party kind → the one-stop system's <c>loaiDoiTuong</c>, a name (TD-DVC stores it so).</summary>
    public Dictionary<string, string> LoaiDoiTuong { get; init; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Citizen"] = "Công dân",
        ["Business"] = "Doanh nghiệp",
        ["StateAgency"] = "Cơ quan nhà nước",
        ["Organization"] = "Tổ chức",
        ["HouseholdBusiness"] = "Hộ kinh doanh",
    };

    /// <summary>The hub's channel → <c>kenhThucHien</c>.</summary>
    public Dictionary<string, string> KenhThucHien { get; init; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Direct"] = "1",
        ["Online"] = "2",
        ["Postal"] = "3",
    };
}

/// <summary>Every problem of <see cref="ProvincialPortalOptions"/>, named by key; run on start and on each reload.</summary>
internal sealed class ProvincialPortalOptionsValidator : IValidateOptions<ProvincialPortalOptions>
{
    public static readonly string[] PartyKinds = ["Citizen", "Business", "StateAgency", "Organization", "HouseholdBusiness"];
    public static readonly string[] Channels = ["Direct", "Online", "Postal"];

    public ValidateOptionsResult Validate(string? name, ProvincialPortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != ProvincialPortalSource.Name)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<SettingFailure>();
        if (string.IsNullOrWhiteSpace(options.Tenant))
        {
            errors.Add(new SettingFailure("Tenant", SettingReasons.Required));
        }

        var mappings = options.Mappings ?? new ProvincialPortalMappings();
        Complete(errors, "Mappings:LoaiDoiTuong", mappings.LoaiDoiTuong, PartyKinds, null);
        Complete(errors, "Mappings:KenhThucHien", mappings.KenhThucHien, Channels, ["1", "2", "3"]);
        return SettingsValidationResult.From(UpstreamOptions.SectionFor(ProvincialPortalSource.Name), errors);
    }

    private static void Complete(List<SettingFailure> errors, string key, Dictionary<string, string>? map, string[] names, string[]? values)
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
            else if (string.IsNullOrWhiteSpace(to))
            {
                errors.Add(new SettingFailure($"{key}:{from}", SettingReasons.Required));
            }
            else if (values is not null && !values.Contains(to, StringComparer.Ordinal))
            {
                errors.Add(new SettingFailure($"{key}:{from}", SettingReasons.OneOf, values));
            }
        }
    }
}
