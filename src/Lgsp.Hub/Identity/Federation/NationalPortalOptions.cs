using System.Text.RegularExpressions;
using Lgsp.Hub.Storage;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Identity.Federation;

/// <summary>
/// The national identity provider (Cổng DVCQG / VNeID) as an upstream of the hub's sign-in, bound from
/// <c>Identity:Federation:NationalPortal</c>. Without an <see cref="Issuer"/> federation is off and the sign-in page
/// shows no national button. Never a secret here: the client secret is in the environment variable this names.
/// </summary>
internal sealed class NationalPortalOptions
{
    public const string SectionName = "Identity:Federation:NationalPortal";

    /// <summary>
    /// The sandbox stand-in's development secret, documented there as obviously fake. A development or embedded hub
    /// uses it when the environment variable is not set, so <c>./run.sh</c> works out of the box; a production hub
    /// refuses to start without the variable.
    /// </summary>
    public const string DevelopmentClientSecret = "sandbox-dev-secret-not-for-production";

    /// <summary>The provider's issuer, e.g. <c>https://xacthuc.dichvucong.gov.vn/</c>; discovery is read below it.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>The hub's client id at the national provider (issued when the province registers).</summary>
    public string? ClientId { get; set; }

    /// <summary>The name of the environment variable holding the client secret.</summary>
    public string ClientSecretEnvironmentVariable { get; set; } = "LGSP_NATIONAL_IDENTITY_SECRET";

    /// <summary>Requested scopes; DVCQG grants <c>openid</c> and sends its profile in userinfo.</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>
    /// <c>acr_values</c> sent with every sign-in: the levels the hub accepts (<c>LoA1</c> accepts both VNeID levels;
    /// <c>LoA2</c> only level 2). The level reached is in the hub's tokens either way (<c>acr</c>).
    /// </summary>
    public string AcrValues { get; set; } = "LoA1";

    /// <summary>
    /// The lowest level (the hub's: 1 = <c>LoA1</c>, 2 = <c>LoA2</c>, VNeID mức 2) a national sign-in needs to be
    /// linked to an existing official's or operator's account (an agency, a role); below it the hub refuses and links
    /// nothing. Citizens' and businesses' own accounts are not affected.
    /// </summary>
    public int MinimumLinkLevel { get; set; } = AssuranceLevels.Substantial;

    /// <summary>Where the provider sends the browser back (relative to the hub's base URL; registered at the provider).</summary>
    public string CallbackPath { get; set; } = "callback/login/national-portal";

    public bool Enabled => Issuer is not null;

    /// <summary>Requested scopes, <c>openid</c> always among them.</summary>
    public IReadOnlyList<string> EffectiveScopes =>
        [.. new[] { OpenIddict.Abstractions.OpenIddictConstants.Scopes.OpenId }.Concat(Scopes).Distinct(StringComparer.Ordinal)];
}

/// <summary>Every rule at once, on start; the secret is never echoed.</summary>
internal sealed partial class NationalPortalOptionsValidator(IHostEnvironment environment, IOptions<StorageOptions> storage, IOptions<HubIdentityOptions> identity)
    : IValidateOptions<NationalPortalOptions>
{
    public ValidateOptionsResult Validate(string? name, NationalPortalOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        const string At = NationalPortalOptions.SectionName;
        var errors = new List<string>();
        var issuer = options.Issuer!;
        if (!issuer.IsAbsoluteUri || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment))
        {
            errors.Add($"{At}:Issuer must be an absolute URL without query or fragment.");
        }
        else if (issuer.Scheme != Uri.UriSchemeHttps && !(issuer.Scheme == Uri.UriSchemeHttp && (issuer.IsLoopback || identity.Value.AllowInsecureHttp)))
        {
            errors.Add($"{At}:Issuer must be https (plain http only on loopback or with Identity:AllowInsecureHttp).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add($"{At}:ClientId is empty: the hub's client id at the national provider.");
        }

        if (!EnvironmentVariableName().IsMatch(options.ClientSecretEnvironmentVariable ?? ""))
        {
            errors.Add($"{At}:ClientSecretEnvironmentVariable must name the environment variable holding the secret (letters, digits, underscores), never the secret itself.");
        }
        else if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(options.ClientSecretEnvironmentVariable!))
            && IdentityMode.IsProduction(environment, storage.Value))
        {
            errors.Add($"The environment variable {options.ClientSecretEnvironmentVariable} ({At}:ClientSecretEnvironmentVariable) is not set: a production hub needs the client secret the national provider issued.");
        }

        foreach (var value in options.AcrValues.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(v => !LevelValue().IsMatch(v)))
        {
            errors.Add($"{At}:AcrValues has '{value}'; the national provider's levels are LoA1 and LoA2.");
        }

        if (options.MinimumLinkLevel is < AssuranceLevels.Low or > AssuranceLevels.Substantial)
        {
            errors.Add($"{At}:MinimumLinkLevel is {options.MinimumLinkLevel}; the national provider's levels are 1 (LoA1) and 2 (LoA2).");
        }

        var path = options.CallbackPath;
        if (string.IsNullOrWhiteSpace(path) || path.StartsWith('/') || !Uri.IsWellFormedUriString(path, UriKind.Relative) || path.Contains('?', StringComparison.Ordinal))
        {
            errors.Add($"{At}:CallbackPath must be a relative path without a leading slash or query (e.g. callback/login/national-portal).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();

    [GeneratedRegex("^LoA[12]$")]
    private static partial Regex LevelValue();
}
