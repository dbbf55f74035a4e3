using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Population;

/// <summary>What the hub shows the population service (through the LGSP/NGSP gateway) besides <c>MaTichHop</c>.</summary>
public enum PopulationCredentialProfile
{
    /// <summary>Only the integration code in the request (<c>MaTichHop</c>); the connection is trusted otherwise.</summary>
    IntegrationCode,

    /// <summary>Also the partner's <c>lgspaccesstoken</c> header.</summary>
    LgspAccessToken,

    /// <summary>Also the partner's <c>lgspaccesstoken</c> and the officer's <c>AuthHash</c> (OpenCPS's population calls).</summary>
    LgspAccessTokenAndAuthHash,
}

/// <summary>Whether the population service's answers carry an XML signature the hub checks.</summary>
public enum AnswerSignatureProfile
{
    /// <summary>Every answer must be signed by the pinned certificate; an unsigned one is refused.</summary>
    Required,

    /// <summary>A signed answer is verified (a broken signature is refused); an unsigned one is accepted.</summary>
    Optional,

    /// <summary>Answers are not signed; the hub does not look for a signature.</summary>
    Absent,
}

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
    /// The credentials sent with every call. Besides <c>IntegrationCode</c>, they are read at each call from the secret
    /// <c>CredentialsSecret</c> names (the adapter's README gives its shape).
    /// </summary>
    public PopulationCredentialProfile Credentials { get; init; } = PopulationCredentialProfile.IntegrationCode;

    /// <summary>Whether answers are signed (<c>Required</c>, today's behaviour and the strictest, unless configured otherwise).</summary>
    public AnswerSignatureProfile AnswerSignatures { get; init; } = AnswerSignatureProfile.Required;

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
        var errors = new List<SettingFailure>();
        if (string.IsNullOrWhiteSpace(options.IntegrationCode) || options.IntegrationCode.Length > 64 || options.IntegrationCode.Any(char.IsWhiteSpace))
        {
            errors.Add(new SettingFailure("IntegrationCode", SettingReasons.IntegrationCode));
        }

        if (!Enum.IsDefined(options.Credentials))
        {
            errors.Add(new SettingFailure("Credentials", SettingReasons.OneOf, Enum.GetNames<PopulationCredentialProfile>()));
        }

        if (!Enum.IsDefined(options.AnswerSignatures))
        {
            errors.Add(new SettingFailure("AnswerSignatures", SettingReasons.OneOf, Enum.GetNames<AnswerSignatureProfile>()));
        }
        else if (options.AnswerSignatures != AnswerSignatureProfile.Absent && string.IsNullOrWhiteSpace(options.TrustedCertificatePath))
        {
            errors.Add(new SettingFailure("TrustedCertificatePath", SettingReasons.TrustedCertificateRequired, new SettingKey("AnswerSignatures")));
        }

        if (string.IsNullOrWhiteSpace(options.ServicePath) || options.ServicePath.StartsWith('/')
            || !Uri.TryCreate(options.ServicePath, UriKind.Relative, out _) || options.ServicePath.Contains('?', StringComparison.Ordinal))
        {
            errors.Add(new SettingFailure("ServicePath", SettingReasons.RelativePath, new PopulationOptions().ServicePath));
        }

        return SettingsValidationResult.From(PopulationOptions.SectionName, errors);
    }
}
