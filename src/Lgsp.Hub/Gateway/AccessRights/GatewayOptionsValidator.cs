using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Hub.Identity;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Gateway.AccessRights;

/// <summary>Every rule of the <c>Gateway</c> section, all problems reported at once (YARP's habit).</summary>
internal sealed class GatewayOptionsValidator(IOptions<HubIdentityOptions> identity) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AgencyCode))
        {
            errors.Add("Gateway:AgencyCode is not set: the hub's agency code (e.g. 000.00.00.H56) is the sender of every answer.");
        }
        else if (!AgencyCode.TryParse(options.AgencyCode, out _, out var agencyError))
        {
            errors.Add($"Gateway:AgencyCode '{options.AgencyCode}' is not an agency code ({agencyError.Reason}).");
        }

        var clients = identity.Value.Clients;
        foreach (var (clientId, rights) in options.AccessRights)
        {
            var at = $"Gateway:AccessRights:{clientId}";
            if (!clients.ContainsKey(clientId))
            {
                errors.Add($"{at}: no client '{clientId}' in Identity:Clients.");
            }

            if (string.IsNullOrWhiteSpace(rights.AgencyCode))
            {
                // A client that only reads dossiers (the national portal) receives no answer packets.
                if (rights.Services.Count > 0)
                {
                    errors.Add($"{at}:AgencyCode is not set: the client's agency is the receiver of its answers.");
                }
            }
            else if (!AgencyCode.TryParse(rights.AgencyCode, out _, out var error))
            {
                errors.Add($"{at}:AgencyCode '{rights.AgencyCode}' is not an agency code ({error.Reason}).");
            }

            var dossierAgencies = rights.DossierAgencies ?? [];
            for (var i = 0; i < dossierAgencies.Count; i++)
            {
                if (!AgencyCode.TryParse(dossierAgencies[i], out _, out var dossierAgencyError))
                {
                    errors.Add($"{at}:DossierAgencies:{i} '{dossierAgencies[i]}' is not an agency code ({dossierAgencyError.Reason}).");
                }
            }

            foreach (var (source, right) in rights.Services)
            {
                ValidateService(errors, $"{at}:Services:{source}", source, right);
            }
        }

        if (options.MessageLog.MaxBatchSize is < 1 or > 10_000)
        {
            errors.Add("Gateway:MessageLog:MaxBatchSize must be between 1 and 10000.");
        }

        if (string.IsNullOrWhiteSpace(options.MessageLog.KeySecret))
        {
            errors.Add("Gateway:MessageLog:KeySecret must name the environment variable holding the subjects' hash key.");
        }

        var checkpoints = options.MessageLog.Checkpoints;
        if (checkpoints.Records is < 1 or > MessageLogCheckpointOptions.MaxRecords)
        {
            errors.Add($"Gateway:MessageLog:Checkpoints:Records must be between 1 and {MessageLogCheckpointOptions.MaxRecords}.");
        }

        if (checkpoints.Interval < TimeSpan.FromSeconds(1) || checkpoints.Interval > TimeSpan.FromDays(1))
        {
            errors.Add("Gateway:MessageLog:Checkpoints:Interval must be between 00:00:01 and 1.00:00:00.");
        }

        if (string.IsNullOrWhiteSpace(checkpoints.FilePath))
        {
            errors.Add("Gateway:MessageLog:Checkpoints:FilePath must name the file the signed checkpoints are appended to.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateService(List<string> errors, string at, string source, ServiceAccessRight right)
    {
        if (!SourceNames.All.Contains(source, StringComparer.Ordinal))
        {
            errors.Add($"{at}: unknown source '{source}' (known: {string.Join(", ", SourceNames.All)}).");
            return;
        }

        if (right.Purposes.Count == 0)
        {
            errors.Add($"{at}:Purposes is empty: list the national procedure codes allowed, or [\"*\"] for any.");
        }
        else if (right.Purposes.Contains(AccessRightsRegistry.AnyPurpose) && right.Purposes.Count > 1)
        {
            errors.Add($"{at}:Purposes: \"*\" stands alone (any purpose); remove the other entries or the \"*\".");
        }

        foreach (var purpose in right.Purposes.Where(p => p != AccessRightsRegistry.AnyPurpose))
        {
            if (!ProcedureCode.TryParse(purpose, out var code, out var error))
            {
                errors.Add($"{at}:Purposes: '{purpose}' is not a procedure code ({error.Reason}).");
            }
            else if (code.IsLocal)
            {
                errors.Add($"{at}:Purposes: '{purpose}' is a local code; list the national code {code.NationalCode} (local codes match their national code).");
            }
        }

        var known = CanonicalFields.PathsFor(source);
        foreach (var field in right.Fields ?? [])
        {
            if (!known.Contains(field))
            {
                errors.Add($"{at}:Fields: '{field}' is not a field of the {source} records.");
            }
        }
    }
}
