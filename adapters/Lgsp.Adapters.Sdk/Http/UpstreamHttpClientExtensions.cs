using System.Text.Json.Serialization;
using Lgsp.Adapters.Sdk.Health;
using Lgsp.Adapters.Sdk.Http;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of HTTP clients to an upstream source, each behind the standard pipeline.</summary>
public static class UpstreamHttpClientExtensions
{
    /// <summary>
    /// A Refit client <typeparamref name="TClient"/> for <paramref name="source"/>: options bound from
    /// <c>Adapters:&lt;source&gt;</c> and validated on start, base address from <see cref="UpstreamOptions.BaseUrl"/>,
    /// and the standard pipeline. Handlers the adapter adds to the returned builder (authentication, signing) run
    /// inside the pipeline, once per attempt.
    /// </summary>
    /// <param name="json">The adapter's source-generated JSON context for the upstream's wire types (Refit 16 clients
    /// are source-generated end to end; the adapter project must reference the <c>Refit</c> package itself so its
    /// generator runs).</param>
    /// <param name="clientName">Distinguishes two clients of one source (e.g. the token endpoint); each has its own
    /// pipeline and circuit.</param>
    public static IHttpClientBuilder AddUpstreamRefitClient<TClient>(
        this IServiceCollection services, string source, IConfiguration configuration, JsonSerializerContext json, string? clientName = null)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddUpstreamOptions(source, configuration);
        var builder = services.AddRefitGeneratedClient<TClient>(json, _ => new RefitSettings(new SystemTextJsonContentSerializer(json.Options)),
            clientName ?? $"{source}.{typeof(TClient).Name}");
        return builder.AddUpstreamPipeline(source);
    }

    /// <summary>The standard pipeline and base address of <paramref name="source"/> on any HTTP client (SOAP, raw HTTP).</summary>
    public static IHttpClientBuilder AddUpstreamPipeline(this IHttpClientBuilder builder, string source)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.ConfigureHttpClient((sp, client) =>
        {
            // Read per client created, so a changed BaseUrl applies to the next call and never to one in flight.
            client.BaseAddress = sp.GetRequiredService<IOptionsMonitor<UpstreamOptions>>().Get(source).BaseUri;
            // The pipeline owns every timeout.
            client.Timeout = Timeout.InfiniteTimeSpan;
        });
        // Never follows a redirect (UpstreamTransport); replacing it would send credentials wherever a 3xx points.
        builder.ConfigurePrimaryHttpMessageHandler(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<UpstreamOptions>>();
            return UpstreamTransport.Create(source, () => options.Get(source).MaxAnswerBytes);
        });
        builder.AddHttpMessageHandler(sp => new UpstreamEnabledHandler(source, sp.GetRequiredService<IOptionsMonitor<UpstreamOptions>>()));
        var pipelineName = UpstreamPipelines.NameFor(source, builder.Name);
        builder.AddResilienceHandler(pipelineName, (pipeline, context) =>
        {
            context.EnableReloads<UpstreamOptions>(source);
            var options = context.GetOptions<UpstreamOptions>(source);
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddUpstreamStrategies(options, HttpOutcomes.Create(time), context.OnPipelineDisposed,
                context.ServiceProvider.GetRequiredService<UpstreamHealth>(), source, pipelineName);
        });
        return builder;
    }
}
