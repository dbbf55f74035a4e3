using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Hub.Identity;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Gateway.AccessRights;

/// <summary>Every rule of the <c>Gateway</c> section, all problems reported at once (YARP's habit).</summary>
internal sealed class GatewayOptionsValidator(IOptions<HubIdentityOptions> identity) : IValidateOptions<GatewayOptions>
{
    private const int MaxBatchSize = 10_000;

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<SettingFailure>();
        if (string.IsNullOrWhiteSpace(options.AgencyCode))
        {
            errors.Add(new SettingFailure("AgencyCode", SettingReasons.HubAgencyRequired));
        }
        else if (!AgencyCode.TryParse(options.AgencyCode, out _, out var agencyError))
        {
            errors.Add(new SettingFailure("AgencyCode", SettingReasons.AgencyCode, options.AgencyCode, agencyError));
        }

        var clients = identity.Value.Clients;
        foreach (var (clientId, rights) in options.AccessRights)
        {
            var at = $"AccessRights:{clientId}";
            if (!clients.ContainsKey(clientId))
            {
                errors.Add(new SettingFailure(at, SettingReasons.UnknownClient, clientId));
            }

            if (string.IsNullOrWhiteSpace(rights.AgencyCode))
            {
                // A client that only reads dossiers (the national portal) receives no answer packets.
                if (rights.Services.Count > 0)
                {
                    errors.Add(new SettingFailure($"{at}:AgencyCode", SettingReasons.ClientAgencyRequired));
                }
            }
            else if (!AgencyCode.TryParse(rights.AgencyCode, out _, out var error))
            {
                errors.Add(new SettingFailure($"{at}:AgencyCode", SettingReasons.AgencyCode, rights.AgencyCode, error));
            }

            var dossierAgencies = rights.DossierAgencies ?? [];
            for (var i = 0; i < dossierAgencies.Count; i++)
            {
                if (!AgencyCode.TryParse(dossierAgencies[i], out _, out var dossierAgencyError))
                {
                    errors.Add(new SettingFailure($"{at}:DossierAgencies:{i}", SettingReasons.AgencyCode, dossierAgencies[i], dossierAgencyError));
                }
            }

            foreach (var (source, right) in rights.Services)
            {
                ValidateService(errors, $"{at}:Services:{source}", source, right);
            }
        }

        if (options.ClientShareOfSourceConcurrency is < 1 or > 100)
        {
            errors.Add(new SettingFailure("ClientShareOfSourceConcurrency", SettingReasons.NumberRange, 1, 100));
        }

        if (options.MessageLog.MaxBatchSize is < 1 or > MaxBatchSize)
        {
            errors.Add(new SettingFailure("MessageLog:MaxBatchSize", SettingReasons.NumberRange, 1, MaxBatchSize));
        }

        if (string.IsNullOrWhiteSpace(options.MessageLog.KeySecret))
        {
            errors.Add(new SettingFailure("MessageLog:KeySecret", SettingReasons.MessageLogKeySecret));
        }

        var checkpoints = options.MessageLog.Checkpoints;
        if (checkpoints.Records is < 1 or > MessageLogCheckpointOptions.MaxRecords)
        {
            errors.Add(new SettingFailure("MessageLog:Checkpoints:Records", SettingReasons.NumberRange, 1, MessageLogCheckpointOptions.MaxRecords));
        }

        if (checkpoints.Interval < TimeSpan.FromSeconds(1) || checkpoints.Interval > TimeSpan.FromDays(1))
        {
            errors.Add(new SettingFailure("MessageLog:Checkpoints:Interval", SettingReasons.DurationRange, "00:00:01", "1.00:00:00"));
        }

        if (options.MessageLog.Retention < TimeSpan.FromDays(30) || options.MessageLog.Retention > TimeSpan.FromDays(18263))
        {
            errors.Add(new SettingFailure("MessageLog:Retention", SettingReasons.DurationRange, "30.00:00:00", "18263.00:00:00"));
        }

        if (options.MessageLog.PurgeInterval < TimeSpan.FromMinutes(1) || options.MessageLog.PurgeInterval > TimeSpan.FromDays(7))
        {
            errors.Add(new SettingFailure("MessageLog:PurgeInterval", SettingReasons.DurationRange, "00:01:00", "7.00:00:00"));
        }

        if (string.IsNullOrWhiteSpace(checkpoints.FilePath))
        {
            errors.Add(new SettingFailure("MessageLog:Checkpoints:FilePath", SettingReasons.CheckpointsFile));
        }

        return SettingsValidationResult.From(GatewayOptions.SectionName, errors);
    }

    private static void ValidateService(List<SettingFailure> errors, string at, string source, ServiceAccessRight right)
    {
        if (!SourceNames.All.Contains(source, StringComparer.Ordinal))
        {
            errors.Add(new SettingFailure(at, SettingReasons.UnknownSource, source, SourceNames.All));
            return;
        }

        if (right.Purposes.Count == 0)
        {
            errors.Add(new SettingFailure($"{at}:Purposes", SettingReasons.PurposesEmpty));
        }
        else if (right.Purposes.Contains(AccessRightsRegistry.AnyPurpose) && right.Purposes.Count > 1)
        {
            errors.Add(new SettingFailure($"{at}:Purposes", SettingReasons.AnyPurposeAlone));
        }

        foreach (var purpose in right.Purposes.Where(p => p != AccessRightsRegistry.AnyPurpose))
        {
            if (!ProcedureCode.TryParse(purpose, out var code, out var error))
            {
                errors.Add(new SettingFailure($"{at}:Purposes", SettingReasons.ProcedureCode, purpose, error));
            }
            else if (code.IsLocal)
            {
                errors.Add(new SettingFailure($"{at}:Purposes", SettingReasons.LocalProcedureCode, purpose, code.NationalCode));
            }
        }

        var officialAgencies = right.OfficialAgencies ?? [];
        for (var i = 0; i < officialAgencies.Count; i++)
        {
            if (!AgencyCode.TryParse(officialAgencies[i], out _, out var error))
            {
                errors.Add(new SettingFailure($"{at}:OfficialAgencies:{i}", SettingReasons.AgencyCode, officialAgencies[i], error));
            }
        }

        ValidateLimits(errors, at, right);
        var known = CanonicalFields.PathsFor(source);
        foreach (var field in right.Fields ?? [])
        {
            if (!known.Contains(field))
            {
                errors.Add(new SettingFailure($"{at}:Fields", SettingReasons.UnknownField, field, source));
            }
        }
    }

    private static void ValidateLimits(List<SettingFailure> errors, string at, ServiceAccessRight right)
    {
        if (right.RateLimit is { } rate)
        {
            if (rate.PermitsPerSecond is < 1 or > RateLimitSetting.MaxPermitsPerSecond)
            {
                errors.Add(new SettingFailure($"{at}:RateLimit:PermitsPerSecond", SettingReasons.NumberRange, 1, RateLimitSetting.MaxPermitsPerSecond));
            }

            if (rate.Burst is < 1 or > RateLimitSetting.MaxBurst)
            {
                errors.Add(new SettingFailure($"{at}:RateLimit:Burst", SettingReasons.NumberRange, 1, RateLimitSetting.MaxBurst));
            }
        }

        if (right.DailyQuota is < 1 or > RateLimitSetting.MaxDailyQuota)
        {
            errors.Add(new SettingFailure($"{at}:DailyQuota", SettingReasons.NumberRange, 1, RateLimitSetting.MaxDailyQuota));
        }
    }
}
