using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Binding of one source's <see cref="UpstreamOptions"/>.</summary>
public static class UpstreamOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Named options <paramref name="source"/> bound from <c>Adapters:&lt;source&gt;</c>, validated on start (every
    /// problem listed) and on each reload. Idempotent: the HTTP and gRPC registrations call it too.
    /// </summary>
    public static OptionsBuilder<UpstreamOptions> AddUpstreamOptions(this IServiceCollection services, string source, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        _ = Lgsp.Core.Errors.UpstreamErrors.For(source); // the source name must be a valid error-code segment
        var builder = services.AddOptions<UpstreamOptions>(source);
        if (!services.Any(d => d.ServiceType == typeof(BoundSource) && Equals(d.ImplementationInstance, new BoundSource(source))))
        {
            services.AddSingleton(new BoundSource(source));
            builder.Bind(configuration.GetSection(UpstreamOptions.SectionFor(source))).ValidateOnStart();
            services.AddSingleton(new UpstreamSettingsType(source, typeof(UpstreamOptions), source));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UpstreamOptions>, UpstreamOptionsValidator>());
        services.TryAddSingleton<IUpstreamSecrets, EnvironmentUpstreamSecrets>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<Polly.Telemetry.TelemetryOptions>, Lgsp.Adapters.Sdk.Resilience.UpstreamEventSeverity>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Lgsp.Adapters.Sdk.Health.UpstreamHealth>();
        return builder;
    }

    /// <summary>
    /// An adapter's own options <typeparamref name="TOptions"/>, bound from the same section as its
    /// <see cref="UpstreamOptions"/> (<c>Adapters:&lt;source&gt;</c>), validated on start and on each change, and declared
    /// (<see cref="UpstreamSettingsType"/>) so the hub's control API lets operators change them under the same checks.
    /// Register the type's <c>IValidateOptions&lt;TOptions&gt;</c> as usual.
    /// </summary>
    /// <param name="optionsName">The options name; <see cref="Options.DefaultName"/> for options the adapter reads unnamed.</param>
    public static OptionsBuilder<TOptions> AddUpstreamSettings<TOptions>(
        this IServiceCollection services, string source, IConfiguration configuration, string optionsName)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(new UpstreamSettingsType(source, typeof(TOptions), optionsName));
        return services.AddOptions<TOptions>(optionsName)
            .Bind(configuration.GetSection(UpstreamOptions.SectionFor(source)))
            .ValidateOnStart();
    }

    /// <summary>Remembers which sources are bound, so a second registration for the same source does not bind twice.</summary>
    private sealed record BoundSource(string Source);
}
