using System.ComponentModel.DataAnnotations;

namespace Lgsp.Sandbox.CivilRegistry;

/// <summary>
/// The civil registry stand-in (<c>Sandbox:CivilRegistry</c>). The API key is the development default <c>run.sh</c>
/// gives the hub too; it is deliberately fake and protects nothing but synthetic data.
/// </summary>
internal sealed record CivilRegistryStandInOptions
{
    public const string SectionName = "Sandbox:CivilRegistry";

    public const string DevelopmentApiKey = "sandbox-civilregistry-api-key-NOT-A-SECRET";

    /// <summary>The only key the gateway accepts in the <c>apikey</c> header.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ApiKey { get; init; } = DevelopmentApiKey;
}
