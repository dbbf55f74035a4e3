using Grpc.Core;
using Grpc.Net.ClientFactory;
using Lgsp.Adapters.Sdk.Grpc;
using Lgsp.Adapters.Sdk.Health;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of generated gRPC clients to an upstream source, each behind the standard pipeline.</summary>
public static class UpstreamGrpcClientExtensions
{
    /// <summary>
    /// A gRPC client <typeparamref name="TClient"/> for <paramref name="source"/>: options bound from
    /// <c>Adapters:&lt;source&gt;</c>, address from <see cref="UpstreamOptions.BaseUrl"/> (h2c for <c>http://</c>), and the
    /// standard pipeline around every unary call. gRPC has no verbs, so the adapter says which methods are safe to
    /// repeat with <paramref name="isIdempotent"/> (by default none is retried).
    /// </summary>
    public static IHttpClientBuilder AddUpstreamGrpcClient<TClient>(
        this IServiceCollection services, string source, IConfiguration configuration, Func<IMethod, bool>? isIdempotent = null)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddUpstreamOptions(source, configuration);
        var key = UpstreamPipelines.NameFor(source, typeof(TClient).Name);
        services.AddResiliencePipeline<string, object>(key, (pipeline, context) =>
        {
            context.EnableReloads<UpstreamOptions>(source);
            var options = context.GetOptions<UpstreamOptions>(source);
            pipeline.AddUpstreamStrategies(options, GrpcOutcomes.Create(), context.OnPipelineDisposed,
                context.ServiceProvider.GetRequiredService<UpstreamHealth>(), source, key);
        });

        var idempotent = isIdempotent ?? (_ => false);
        var builder = services
            .AddGrpcClient<TClient>((sp, o) => o.Address = sp.GetRequiredService<IOptionsMonitor<UpstreamOptions>>().Get(source).BaseUri)
            .AddInterceptor(InterceptorScope.Client, sp => new UpstreamResilienceInterceptor(
                source, key, idempotent, sp.GetRequiredService<ResiliencePipelineProvider<string>>(), sp.GetRequiredService<IOptionsMonitor<UpstreamOptions>>()));

        // The factory caches its options per client; reread them (and so BaseUrl) when the source's section changes.
        services.AddSingleton<IOptionsChangeTokenSource<GrpcClientFactoryOptions>>(
            new ConfigurationChangeTokenSource<GrpcClientFactoryOptions>(builder.Name, configuration.GetSection(UpstreamOptions.SectionFor(source))));
        return builder;
    }
}
