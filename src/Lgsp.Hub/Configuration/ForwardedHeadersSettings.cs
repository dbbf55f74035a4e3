using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Microsoft.Extensions.Configuration;

/// <summary>
/// The TLS-terminating proxy (load balancer) in front of the hub, from the <c>ForwardedHeaders</c> section:
/// <c>KnownProxies:0…</c> (addresses) and <c>KnownNetworks:0…</c> (CIDR, e.g. <c>10.0.0.0/24</c>). Only requests from
/// these are believed about the client's scheme and address (<c>X-Forwarded-Proto</c>, <c>X-Forwarded-For</c>), so the
/// hub sees https behind the proxy and nobody else can claim it. Unset: no forwarded header is read.
/// </summary>
internal static class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    public static bool IsConfigured(IConfiguration configuration) =>
        Values(configuration, nameof(ForwardedHeadersSection.KnownProxies)).Any() || Values(configuration, nameof(ForwardedHeadersSection.KnownNetworks)).Any();

    public static IServiceCollection AddLgspForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Values(configuration, nameof(ForwardedHeadersSection.KnownProxies))
            .Select(v => IPAddress.TryParse(v, out var address) ? address : throw Invalid($"KnownProxies has '{v}', which is not an IP address."))
            .ToList();
        var networks = Values(configuration, nameof(ForwardedHeadersSection.KnownNetworks))
            .Select(v => System.Net.IPNetwork.TryParse(v, out var network) ? network : throw Invalid($"KnownNetworks has '{v}', which is not a CIDR network (e.g. 10.0.0.0/24)."))
            .ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        return services;
    }

    /// <summary>First in the pipeline, when a proxy is configured: everything after sees the client's scheme.</summary>
    public static WebApplication UseLgspForwardedHeaders(this WebApplication app)
    {
        if (IsConfigured(app.Configuration))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static IEnumerable<string> Values(IConfiguration configuration, string key) =>
        configuration.GetSection($"{SectionName}:{key}").GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0);

    private static InvalidOperationException Invalid(string message) => new($"{SectionName}: {message}");
}

/// <summary>The keys of the <c>ForwardedHeaders</c> section, as the hub reads them (<see cref="ForwardedHeadersSettings"/>).</summary>
internal sealed class ForwardedHeadersSection
{
    public const string SectionName = ForwardedHeadersSettings.SectionName;

    /// <summary>The proxies' addresses.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>The proxies' networks in CIDR form.</summary>
    public IList<string> KnownNetworks { get; } = [];
}
