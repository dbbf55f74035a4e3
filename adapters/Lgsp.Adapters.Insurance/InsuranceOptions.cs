using Lgsp.Core.Lookups;

namespace Lgsp.Adapters.Insurance;

/// <summary>How the hub shows the LGSP's BHXH connection who is calling (<c>Adapters:Insurance:Credentials</c>).</summary>
public enum InsuranceCredentialProfile
{
    /// <summary>The partner's <c>lgspaccesstoken</c> header on every request (what public LGSP integrations send).</summary>
    LgspAccessToken,

    /// <summary>Nothing: for a connection that authenticates the hub another way (a private link, a gateway in front that adds it).</summary>
    None,
}

/// <summary>
/// What the insurance adapter needs besides the common <see cref="Lgsp.Adapters.Sdk.Options.UpstreamOptions"/>, bound
/// from the same section <c>Adapters:Insurance</c> and changeable by operators through the control API.
/// </summary>
public sealed record InsuranceOptions
{
    public const string SectionName = "Adapters:" + SourceNames.Insurance;

    /// <summary>The credential profile; the secret <c>CredentialsSecret</c> names is read only when it sends one.</summary>
    public InsuranceCredentialProfile Credentials { get; init; } = InsuranceCredentialProfile.LgspAccessToken;
}
