namespace Lgsp.Hub.Identity;

/// <summary>
/// The hub's scopes: one per capability. Which client may ask for which is in <c>config/identity.json</c>; a client
/// never obtains a scope it was not granted there, and a user-delegated token gets a role-gated scope (such as
/// <see cref="Admin"/>) only when the person has the role too.
/// </summary>
internal static class HubScopes
{
    public const string PopulationRead = "lgsp.population.read";
    public const string LandRead = "lgsp.land.read";
    public const string BusinessRead = "lgsp.business.read";
    public const string InsuranceRead = "lgsp.insurance.read";
    public const string CivilRegistryRead = "lgsp.civilregistry.read";
    public const string DossierSync = "lgsp.dossier.sync";
    public const string IndicatorsRead = "lgsp.indicators.read";
    public const string Admin = "lgsp.admin";

    /// <summary>The audience (resource) of every access token the hub issues: the hub's own APIs.</summary>
    public const string HubAudience = "lgsp-hub";

    /// <summary>The role that grants <see cref="Admin"/> to a signed-in person.</summary>
    public const string OperatorRole = "lgsp-operator";
}
