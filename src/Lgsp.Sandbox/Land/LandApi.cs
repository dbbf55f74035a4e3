using Lgsp.Core.Lookups;
using Lgsp.Sandbox.Control.Faults;
using Lgsp.Sandbox.Land;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The land database (VBDLIS/ILIS) stand-in: the gRPC service <c>lgsp.land.v1.LandRecords</c>. gRPC needs HTTP/2,
/// which Kestrel serves without TLS only on an HTTP/2-only endpoint: the sandbox's second (h2c) endpoint.
/// </summary>
internal static class LandApi
{
    public const string ServicePath = "/lgsp.land.v1.LandRecords/";

    public static IServiceCollection AddLandStandIn(this IServiceCollection services)
    {
        services.AddGrpc();
        // A database behind a provincial deployment answers more slowly than a gateway cache.
        services.AddSingleton(new StandIn
        {
            Source = SourceNames.Land,
            Paths = [ServicePath],
            NaturalLatency = (20, 80),
        });
        return services;
    }

    public static WebApplication MapLandApi(this WebApplication app)
    {
        app.MapGrpcService<LandRecordsService>();
        return app;
    }
}
