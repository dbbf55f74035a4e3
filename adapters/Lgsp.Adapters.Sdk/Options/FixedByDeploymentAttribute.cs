namespace Lgsp.Adapters.Sdk.Options;

/// <summary>
/// A setting the deployment fixes (configuration files, environment) and the hub's control API never changes: what names
/// a secret, a key file or a trust anchor. Whoever could change such a name could make an adapter read any of the hub's
/// secrets (the default <see cref="Secrets.IUpstreamSecrets"/> resolves any environment variable or configuration key)
/// and send it upstream, or trust a certificate of his choosing. The control API refuses a change to it, stores no
/// version of it and shows it read-only; the files' value is always in force.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class FixedByDeploymentAttribute : Attribute
{
}
