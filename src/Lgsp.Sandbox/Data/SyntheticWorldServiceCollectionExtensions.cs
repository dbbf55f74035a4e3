using Lgsp.Sandbox.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal static partial class SyntheticWorldServiceCollectionExtensions
{
    /// <summary>
    /// The synthetic world, built once when the host starts from the validated <c>Sandbox</c> options. Stand-in
    /// endpoints ask for <see cref="SyntheticWorld"/>; tests can register their own instance first.
    /// </summary>
    public static IServiceCollection AddSyntheticWorld(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<SandboxOptions>()
            .Bind(configuration.GetSection(SandboxOptions.SectionName))
            .ValidateDataAnnotations();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => Build(
            sp.GetRequiredService<IOptions<SandboxOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LoadedWorld>>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<LoadedWorld>().World);
        services.AddHostedService<WorldWarmUp>();
        services.AddHealthChecks();
        return services;
    }

    private static LoadedWorld Build(SandboxOptions options, TimeProvider time, ILogger logger)
    {
        var started = time.GetTimestamp();
        var world = SyntheticWorld.Generate(options.ToSpec());
        var elapsed = time.GetElapsedTime(started);
        WorldBuilt(logger, options.Seed, (long)elapsed.TotalMilliseconds, world.Citizens.Count, world.Enterprises.Count,
            world.Parcels.Count, world.InsuranceParticipants.Count, world.CivilRegistrations.Count);
        return new LoadedWorld(world, elapsed);
    }

    // Counts and the seed only: no record of the world ever goes to the log.
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Synthetic world built from seed {Seed} in {ElapsedMs} ms: {Citizens} citizens, {Enterprises} enterprises and branches, {Parcels} parcels, {Participants} BHXH participants, {Registrations} civil-registry entries")]
    private static partial void WorldBuilt(ILogger logger, ulong seed, long elapsedMs, int citizens, int enterprises, int parcels, int participants, int registrations);

    /// <summary>Builds the world while the host starts, so the first request does not pay for it.</summary>
    private sealed class WorldWarmUp(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<LoadedWorld>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
