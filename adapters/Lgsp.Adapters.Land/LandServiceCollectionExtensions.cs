using Grpc.Core;
using Lgsp.Adapters.Land;
using Lgsp.Core.Lookups;
using Lgsp.Schemas.Land.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class LandServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ILandSource"/> over the land database's gRPC service <c>lgsp.land.v1.LandRecords</c>
    /// (<c>schemas/proto/land/v1/land.proto</c>), configured from <c>Adapters:land</c>
    /// (<see cref="Lgsp.Adapters.Sdk.Options.UpstreamOptions"/>; <c>BaseUrl</c> <c>http://</c> means h2c). Both lookups
    /// only read, so both are retried by the standard pipeline.
    /// </summary>
    public static IServiceCollection AddLandAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddUpstreamGrpcClient<LandRecords.LandRecordsClient>(SourceNames.Land, configuration, IsIdempotent);
        services.TryAddTransient<ILandSource, LandRecordsAdapter>();
        return services;
    }

    private static bool IsIdempotent(IMethod method) =>
        method.ServiceName == LandRecords.Descriptor.FullName
        && method.Name is nameof(LandRecords.LandRecordsClient.FindParcel) or nameof(LandRecords.LandRecordsClient.FindParcelByCertificate);
}
