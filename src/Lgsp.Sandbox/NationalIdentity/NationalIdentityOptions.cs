using System.ComponentModel.DataAnnotations;

namespace Lgsp.Sandbox.NationalIdentity;

/// <summary>
/// Bound from <c>Sandbox:NationalIdentity</c>; validated on start. One registered client (the hub), because the
/// stand-in serves one province's hub; tests set its redirect URIs to the hub's random port.
/// </summary>
internal sealed record NationalIdentityOptions : IValidatableObject
{
    public const string SectionName = "Sandbox:NationalIdentity";

    /// <summary>The obviously fake development secret: good for a laptop and the tests, never for anything else.</summary>
    public const string DevelopmentClientSecret = "sandbox-dev-secret-not-for-production";

    /// <summary>The one password every synthetic account signs in with (shown on <c>/_sandbox/demo</c>).</summary>
    public const string DefaultDemoPassword = "ThuNghiem@2026";

    /// <summary>The path the stand-in lives under; the issuer is the sandbox's origin plus this path.</summary>
    public const string PathBase = "/xacthuc";

    [Required(AllowEmptyStrings = false)]
    public string ClientId { get; init; } = "lgsp-hub-dev";

    [Required(AllowEmptyStrings = false)]
    [MinLength(16)]
    public string ClientSecret { get; init; } = DevelopmentClientSecret;

    /// <summary>Where the hub receives the code; matched exactly, as DVCQG does.</summary>
    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    /// <summary>Where the hub may be sent back after <c>/oauth2/logout</c>.</summary>
    public IReadOnlyList<string> PostLogoutRedirectUris { get; init; } = [];

    [Required(AllowEmptyStrings = false)]
    [MinLength(8)]
    public string DemoPassword { get; init; } = DefaultDemoPassword;

    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromMinutes(60);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, uris) in new[] { (nameof(RedirectUris), RedirectUris), (nameof(PostLogoutRedirectUris), PostLogoutRedirectUris) })
        {
            foreach (var uri in uris)
            {
                if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || parsed.Fragment.Length > 0)
                {
                    yield return new ValidationResult($"{name}: '{uri}' is not an absolute http(s) URI without a fragment.", [name]);
                }
            }
        }
    }
}
