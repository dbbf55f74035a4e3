using System.Text.RegularExpressions;
using Lgsp.Adapters.Sdk.Options;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Operations;

/// <summary>Settings of the operators' control of the hub (<c>Operations</c>, <c>config/operations.json</c>).</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>
    /// Host patterns an adapter's <c>BaseUrl</c> may point at: an exact host (<c>api.ngsp.gov.vn</c>, <c>10.0.4.12</c>),
    /// a host and port (<c>127.0.0.1:8090</c>) or a wildcard for any subdomain (<c>*.gov.vn</c>). Checked on start and on
    /// every operator change, so nobody points an adapter (and the credentials it sends) at an arbitrary internal address.
    /// </summary>
    public List<string> AllowedUpstreamHosts { get; init; } = [];

    /// <summary>How often each instance looks for settings changed at another instance (a change reaches all within this plus a query).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>True when <paramref name="url"/>'s host (and port) matches one of <see cref="AllowedUpstreamHosts"/>.</summary>
    public bool Allows(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost.ToLowerInvariant();
        foreach (var raw in AllowedUpstreamHosts)
        {
            var pattern = raw.Trim().ToLowerInvariant();
            var port = (int?)null;
            var colon = pattern.LastIndexOf(':');
            if (colon > 0 && int.TryParse(pattern[(colon + 1)..], out var p))
            {
                port = p;
                pattern = pattern[..colon];
            }

            var hostMatches = pattern.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(pattern[1..], StringComparison.Ordinal) && host.Length > pattern.Length - 1
                : host == pattern;
            if (hostMatches && (port is null || port == url.Port))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The allowlist itself must be usable: at least one entry, each a host, host:port or *.domain.</summary>
internal sealed partial class OperationsOptionsValidator : IValidateOptions<OperationsOptions>
{
    public ValidateOptionsResult Validate(string? name, OperationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.AllowedUpstreamHosts.Count == 0)
        {
            errors.Add("Operations:AllowedUpstreamHosts must list at least one host pattern (e.g. \"*.gov.vn\").");
        }

        for (var i = 0; i < options.AllowedUpstreamHosts.Count; i++)
        {
            if (!Pattern().IsMatch(options.AllowedUpstreamHosts[i] ?? string.Empty))
            {
                errors.Add($"Operations:AllowedUpstreamHosts:{i} must be a host, host:port or *.domain (e.g. api.ngsp.gov.vn, 127.0.0.1:8090, *.gov.vn).");
            }
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(100) || options.PollInterval > TimeSpan.FromSeconds(4))
        {
            errors.Add("Operations:PollInterval must be between 100 ms and 4 s (a change must reach every instance within 5 s).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9]([A-Za-z0-9\-\.]*[A-Za-z0-9])?(:[0-9]{1,5})?$")]
    private static partial Regex Pattern();
}

/// <summary>
/// The host allowlist as one more rule of every source's <see cref="UpstreamOptions"/>: a start with a base URL outside
/// it fails, and so does an operator's change (the control API runs the same validators).
/// </summary>
internal sealed class UpstreamHostAllowlistValidator(IOptions<OperationsOptions> operations) : IValidateOptions<UpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return ValidateOptionsResult.Skip; // the SDK's validator already names a malformed URL
        }

        return operations.Value.Allows(url)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{UpstreamOptions.SectionFor(string.IsNullOrEmpty(name) ? "<source>" : name)}:BaseUrl host '{url.Authority}' is not in Operations:AllowedUpstreamHosts.");
    }
}
