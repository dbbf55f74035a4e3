using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.Codes;
using Lgsp.Hub.Gateway;
using Lgsp.Hub.Gateway.AccessRights;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Catalogue;

/// <summary>
/// Access rights may only name procedures the catalogue knows, once there is a copy: checked on an operator's change
/// (the control API runs every validator), on a reload of the files (refused, the last good rights stay) and at start
/// when the stored copy is already loaded. Without a copy, form only (<see cref="GatewayOptionsValidator"/>).
/// </summary>
internal sealed class CatalogueAccessRightsValidator(ProcedureCatalogue catalogue) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!catalogue.HasCopy)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<SettingFailure>();
        foreach (var (clientId, rights) in options.AccessRights)
        {
            foreach (var (source, right) in rights.Services)
            {
                foreach (var purpose in right.Purposes.Where(p => p != AccessRightsRegistry.AnyPurpose))
                {
                    if (ProcedureCode.TryParse(purpose, out var code) && !catalogue.Accepts(code))
                    {
                        errors.Add(new SettingFailure($"AccessRights:{clientId}:Services:{source}:Purposes", SettingReasons.NotInCatalogue, purpose));
                    }
                }
            }
        }

        return SettingsValidationResult.From(GatewayOptions.SectionName, errors);
    }
}
