using Lgsp.Core.Lookups;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Population;

/// <summary>
/// What the population adapter needs besides the common <see cref="Lgsp.Adapters.Sdk.Options.UpstreamOptions"/>,
/// bound from the same section <c>Adapters:Population</c> and validated on start with every problem listed.
/// </summary>
public sealed record PopulationOptions
{
    public const string SectionName = "Adapters:" + SourceNames.Population;

    /// <summary><c>MaTichHop</c>: the integration code the ministry issued to this LGSP, sent on every call.</summary>
    public string? IntegrationCode { get; init; }

    /// <summary>
    /// The source's signing certificate(s) the answers must be signed with (pinned trust): a PEM file (one or more
    /// certificates, for a rollover) or a DER certificate. Absolute, or relative to the working directory. Read
    /// when first needed and again whenever the file changes, so a rotated certificate needs no restart; a
    /// missing or unreadable file makes every lookup fail with <c>hub.internal</c> naming this key.
    /// </summary>
    [Lgsp.Adapters.Sdk.Options.FixedByDeployment]
    public string? TrustedCertificatePath { get; init; }

    /// <summary>The SOAP endpoint, relative to <c>BaseUrl</c> (no leading '/', so it appends to a gateway path).</summary>
    public string ServicePath { get; init; } = "csdldancu/1.0/CongDanService";
}

/// <summary>Every rule of <see cref="PopulationOptions"/>, each failure named by its configuration key.</summary>
internal sealed class PopulationOptionsValidator : IValidateOptions<PopulationOptions>
{
    public ValidateOptionsResult Validate(string? name, PopulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.IntegrationCode) || options.IntegrationCode.Length > 64 || options.IntegrationCode.Any(char.IsWhiteSpace))
        {
            errors.Add($"{PopulationOptions.SectionName}:IntegrationCode is required: the MaTichHop issued to this LGSP (at most 64 characters, no spaces).");
        }

        if (string.IsNullOrWhiteSpace(options.TrustedCertificatePath))
        {
            errors.Add($"{PopulationOptions.SectionName}:TrustedCertificatePath is required: the source's signing certificate (PEM or DER) its answers are verified against.");
        }

        if (string.IsNullOrWhiteSpace(options.ServicePath) || options.ServicePath.StartsWith('/')
            || !Uri.TryCreate(options.ServicePath, UriKind.Relative, out _) || options.ServicePath.Contains('?', StringComparison.Ordinal))
        {
            errors.Add($"{PopulationOptions.SectionName}:ServicePath must be a path relative to BaseUrl, without a leading '/' or a query.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
