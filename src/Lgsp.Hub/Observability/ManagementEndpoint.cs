namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The management endpoint: <c>/metrics</c>, <c>/docs</c> and <c>/openapi/…</c> are served only on the ports of
/// <c>Management:Urls</c> (e.g. <c>http://127.0.0.1:8081</c>, semicolon-separated like <c>urls</c>), which Kestrel
/// listens on beside the public endpoint; the public endpoint answers them 404, and the management ports answer
/// nothing but them and the health checks. The gate is the port the connection arrived on, not the Host header,
/// which any client sets. Unset: those endpoints are served nowhere (production mode requires it set).
/// </summary>
internal static class ManagementEndpoint
{
    public const string SettingName = "Management:Urls";

    /// <summary>Marks an endpoint as management-only.</summary>
    public static TBuilder OnManagementEndpoint<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(ManagementOnly.Instance);

    /// <summary>The URLs of <c>Management:Urls</c>; each needs an explicit port, for the gate to recognise it.</summary>
    public static IReadOnlyList<Uri> Urls(IConfiguration configuration)
    {
        var urls = new List<Uri>();
        foreach (var value in (configuration[SettingName] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcard hosts (*, +) are not URI hosts; the port is what matters here.
            var parsable = value.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsable, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
                || url.IsDefaultPort || url.Port == 0 || url.AbsolutePath != "/")
            {
                throw new InvalidOperationException($"{SettingName} has '{value}': each is http(s)://host:port with an explicit port other than 0 and no path.");
            }

            urls.Add(url);
        }

        return urls;
    }

    /// <summary>Kestrel listens on the management URLs as well as on the public ones, however those are configured.</summary>
    public static WebApplicationBuilder AddLgspManagementEndpoint(this WebApplicationBuilder builder)
    {
        var management = (builder.Configuration[SettingName] ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Urls(builder.Configuration);
        if (management.Length == 0)
        {
            return builder;
        }

        if (builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            // Endpoints from configuration replace urls in Kestrel: the management ones join them there.
            builder.Configuration.AddInMemoryCollection(management.Select((url, i) =>
                new KeyValuePair<string, string?>($"Kestrel:Endpoints:LgspManagement{i}:Url", url)));
        }
        else
        {
            builder.WebHost.UseUrls([.. ProductionMode.PublicUrls(builder.Configuration), .. management]);
        }

        return builder;
    }

    /// <summary>
    /// After routing: a management endpoint reached on another port, or anything but management and health reached on
    /// a management port, is not found (the usual 404 problem details).
    /// </summary>
    public static WebApplication UseLgspManagementGate(this WebApplication app)
    {
        var ports = Urls(app.Configuration).Select(u => u.Port).ToHashSet();
        app.Use((context, next) =>
        {
            var managementOnly = context.GetEndpoint()?.Metadata.GetMetadata<ManagementOnly>() is not null;
            var onManagementPort = ports.Contains(context.Connection.LocalPort);
            var health = context.Request.Path.StartsWithSegments("/health");
            if (managementOnly != onManagementPort && !(onManagementPort && health))
            {
                context.SetEndpoint(null);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    private sealed class ManagementOnly
    {
        public static readonly ManagementOnly Instance = new();
    }
}
