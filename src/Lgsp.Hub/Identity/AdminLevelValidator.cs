using Lgsp.Adapters.Sdk.Options;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Identity;

/// <summary>
/// <see cref="HubIdentityOptions.MinimumAdminLevel"/> below level 2 lets anyone with an operator's password administer
/// the hub: refused at start everywhere but the Development environment (where <c>./run.sh</c>'s demo operator signs in
/// with a password) and the test suites' <c>Testing</c> environment, whose hubs drive password operators through the
/// console's flows. A structured failure (<see cref="SettingReasons.AdminLevelOutsideDevelopment"/>), Vietnamese and
/// English from the one table of reasons.
/// </summary>
internal sealed class AdminLevelValidator(IHostEnvironment environment) : IValidateOptions<HubIdentityOptions>
{
    public const string Section = "Identity";
    public const string TestingEnvironment = "Testing";

    public ValidateOptionsResult Validate(string? name, HubIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var lowered = options.MinimumAdminLevel < AssuranceLevels.Substantial;
        var allowed = environment.IsDevelopment() || environment.IsEnvironment(TestingEnvironment);
        return SettingsValidationResult.From(Section, lowered && !allowed
            ? [new SettingFailure(nameof(HubIdentityOptions.MinimumAdminLevel), SettingReasons.AdminLevelOutsideDevelopment, AssuranceLevels.Substantial, environment.EnvironmentName)]
            : []);
    }
}
