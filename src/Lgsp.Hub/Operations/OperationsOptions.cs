using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Lgsp.Adapters.Sdk.Options;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Operations;

/// <summary>Settings of the operators' control of the hub (<c>Operations</c>, <c>config/operations.json</c>).</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>The control API's request-body limit in bytes (a change is a few kilobytes).</summary>
    public const string MaxRequestBodyKey = SectionName + ":MaxRequestBodyBytes";

    public const long DefaultMaxRequestBodyBytes = 256 * 1024;

    /// <summary>
    /// Host patterns an adapter's <c>BaseUrl</c> may point at: an exact host (<c>api.ngsp.gov.vn</c>, <c>10.0.4.12</c>),
    /// a host and port (<c>127.0.0.1:8090</c>), a wildcard for any subdomain (<c>*.gov.vn</c>) or an address range
    /// (<c>127.0.0.0/8</c>, <c>::1/128</c>). Checked on start and on every operator change, so nobody points an adapter
    /// (and the credentials it sends) at an arbitrary internal address. A host name must also not resolve to a
    /// loopback, link-local or private address unless that address (or its range) is itself listed.
    /// </summary>
    public List<string> AllowedUpstreamHosts { get; init; } = [];

    /// <summary>How often each instance looks for settings changed at another instance (a change reaches all within this plus a query).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>True when <paramref name="url"/>'s host (and port) matches one of <see cref="AllowedUpstreamHosts"/>.</summary>
    public bool Allows(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost.ToLowerInvariant();
        if (IPAddress.TryParse(url.DnsSafeHost, out var literal) && AllowsAddress(literal))
        {
            return true;
        }

        foreach (var raw in AllowedUpstreamHosts)
        {
            var pattern = raw.Trim().ToLowerInvariant();
            if (pattern.Contains('/', StringComparison.Ordinal))
            {
                continue; // a range: matched above, by address
            }

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

    /// <summary>True when <paramref name="address"/> is listed, exactly or within a range (<c>127.0.0.0/8</c>).</summary>
    public bool AllowsAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var raw in AllowedUpstreamHosts)
        {
            var pattern = raw.Trim();
            if (pattern.Contains('/', StringComparison.Ordinal))
            {
                if (IPNetwork.TryParse(pattern, out var range) && range.Contains(plain))
                {
                    return true;
                }
            }
            else if (IPAddress.TryParse(pattern.Trim('[', ']'), out var exact) && exact.Equals(plain))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The loopback, link-local or private addresses an allowed host *name* resolves to that are not themselves allowed
    /// (none for an address literal, which <see cref="Allows"/> judged, or for a name that does not resolve now).
    /// </summary>
    internal IReadOnlyList<IPAddress> UnallowedInternalAddresses(Uri url, IUpstreamHostResolver resolver) =>
        url.HostNameType == UriHostNameType.Dns
            ? [.. resolver.Resolve(url.DnsSafeHost).Where(a => IsInternal(a) && !AllowsAddress(a))]
            : [];

    /// <summary>Loopback, link-local, private (RFC 1918, RFC 4193), shared (RFC 6598) or unspecified: not a public upstream.</summary>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (IPAddress.IsLoopback(plain) || plain.Equals(IPAddress.Any) || plain.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (plain.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return plain.IsIPv6LinkLocal || plain.IsIPv6SiteLocal || plain.IsIPv6UniqueLocal;
        }

        var b = plain.GetAddressBytes();
        return b[0] == 10 || b[0] == 0
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
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
            var entry = options.AllowedUpstreamHosts[i] ?? string.Empty;
            if (!Pattern().IsMatch(entry) && !(entry.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(entry, out _)))
            {
                errors.Add($"Operations:AllowedUpstreamHosts:{i} must be a host, host:port, *.domain or an address range (e.g. api.ngsp.gov.vn, 127.0.0.1:8090, *.gov.vn, 127.0.0.0/8).");
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
/// it fails, and so does an operator's change (the control API runs the same validators). An allowed host *name* is
/// resolved too: if it leads to a loopback, link-local or private address that is not itself allowed (exactly or by
/// range), it is refused, so <c>*.gov.vn</c> does not let a name someone points at 127.0.0.1 reach the hub's own services.
/// A name that does not resolve now is judged by its name only (the adapter's call will fail on its own).
/// </summary>
internal sealed class UpstreamHostAllowlistValidator(IOptions<OperationsOptions> operations, IUpstreamHostResolver resolver) : IValidateOptions<UpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return ValidateOptionsResult.Skip; // the SDK's validator already names a malformed URL
        }

        var section = UpstreamOptions.SectionFor(string.IsNullOrEmpty(name) ? "<source>" : name);
        var allowlist = operations.Value;
        if (!allowlist.Allows(url))
        {
            return SettingsValidationResult.From(section, [new SettingFailure("BaseUrl", SettingReasons.HostNotAllowed, url.Authority)]);
        }

        var refused = allowlist.UnallowedInternalAddresses(url, resolver);
        return SettingsValidationResult.From(section,
            refused.Count == 0 ? [] : [new SettingFailure("BaseUrl", SettingReasons.HostInternal, url.Host, refused.Select(a => a.ToString()).ToArray())]);
    }
}

/// <summary>How the allowlist learns where a host name leads; replaceable (tests map a name to an address).</summary>
internal interface IUpstreamHostResolver
{
    /// <summary>The addresses of <paramref name="host"/>; none when it does not resolve.</summary>
    IReadOnlyList<IPAddress> Resolve(string host);
}

/// <summary>The system's resolver (hosts file, DNS).</summary>
internal sealed class DnsUpstreamHostResolver : IUpstreamHostResolver
{
    public IReadOnlyList<IPAddress> Resolve(string host)
    {
        try
        {
            return Dns.GetHostAddresses(host);
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
