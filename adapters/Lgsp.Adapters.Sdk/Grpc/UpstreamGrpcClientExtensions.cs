using Grpc.Core;
using Grpc.Core.Interceptors;
using Lgsp.Adapters.Sdk.Grpc;
using Lgsp.Adapters.Sdk.Health;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// repeat with <paramref name="isIdempotent"/> (by default none is retried). The client is transient and takes the
    /// channel of the base address in force when it is created (<see cref="UpstreamGrpcChannels"/>), so a changed
    /// <c>BaseUrl</c> applies to the next client while every attempt of a call already running stays on its channel.
    /// Handlers added to the returned builder run under the channel (once per attempt).
    /// </summary>
    public static IHttpClientBuilder AddUpstreamGrpcClient<TClient>(
        this IServiceCollection services, string source, IConfiguration configuration, Func<IMethod, bool>? isIdempotent = null)
        where TClient : ClientBase<TClient>
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddUpstreamOptions(source, configuration);
        var name = typeof(TClient).Name;
        var key = UpstreamPipelines.NameFor(source, name);
        services.AddResiliencePipeline<string, object>(key, (pipeline, context) =>
        {
            context.EnableReloads<UpstreamOptions>(source);
            var options = context.GetOptions<UpstreamOptions>(source);
            pipeline.AddUpstreamStrategies(options, GrpcOutcomes.Create(), context.OnPipelineDisposed,
                context.ServiceProvider.GetRequiredService<UpstreamHealth>(), source, key);
        });

        var idempotent = isIdempotent ?? (_ => false);
        services.TryAddSingleton<UpstreamGrpcChannels>();
        services.AddTransient(sp =>
        {
            var channel = sp.GetRequiredService<UpstreamGrpcChannels>().For(source, name);
            var invoker = channel.Intercept(new UpstreamResilienceInterceptor(
                source, key, idempotent, sp.GetRequiredService<ResiliencePipelineProvider<string>>(), sp.GetRequiredService<IOptionsMonitor<UpstreamOptions>>()));
            return (TClient)Activator.CreateInstance(typeof(TClient), invoker)!;
        });

        // The channel's HTTP handlers: pooled and rotated by the HTTP client factory, several HTTP/2 connections when
        // one reaches its stream limit (what Grpc.Net.ClientFactory sets up), never following a redirect.
        return services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(() => Lgsp.Adapters.Sdk.Http.UpstreamTransport.Create(source, maxAnswerBytes: null, http2: true));
    }
}
