using Microsoft.Extensions.Configuration;

namespace Lgsp.Adapters.Sdk.Secrets;

/// <summary>
/// Where an adapter reads the credentials <see cref="Options.UpstreamOptions.CredentialsSecret"/> names. Values are
/// never logged, returned or put in exception messages; replace this service to read a vault instead.
/// </summary>
public interface IUpstreamSecrets
{
    /// <summary>The secret's value, or null when nothing is set under that name.</summary>
    string? Read(string name);
}

/// <summary>
/// The default: the environment variable of that name, else the configuration key of that name (command line,
/// user secrets, a test's settings). <c>config/*.json</c> files must never hold one (see config/README.md).
/// </summary>
internal sealed class EnvironmentUpstreamSecrets(IConfiguration? configuration = null) : IUpstreamSecrets
{
    public string? Read(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? configuration?[name] : value;
    }
}
