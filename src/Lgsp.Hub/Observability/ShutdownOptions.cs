using Lgsp.Adapters.Sdk.Options;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Observability;

/// <summary>
/// Bound from the <c>Shutdown</c> section; validated on start. On SIGTERM the hub stops taking requests (readiness
/// answers 503 and Kestrel stops accepting), finishes those in flight, takes a last message-log checkpoint and commits
/// its consumer offsets, all within <see cref="GracePeriod"/> (the host's <see cref="HostOptions.ShutdownTimeout"/>).
/// A deployment's own grace (Kubernetes' <c>terminationGracePeriodSeconds</c>) must be longer.
/// </summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

    /// <summary>How long a stopping hub may take to finish what it has (default 30 s, 1 s to 5 min).</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(30);
}

internal sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.GracePeriod < ShutdownOptions.Shortest || options.GracePeriod > ShutdownOptions.Longest
            ? ValidateOptionsResult.Fail(new SettingFailure(nameof(ShutdownOptions.GracePeriod), SettingReasons.DurationRange, ShutdownOptions.Shortest, ShutdownOptions.Longest)
                .ToEnglish(ShutdownOptions.SectionName))
            : ValidateOptionsResult.Success;
    }
}

/// <summary>The host's shutdown timeout is the validated grace period.</summary>
internal sealed class ShutdownHostOptionsSetup(IOptions<ShutdownOptions> shutdown) : IConfigureOptions<HostOptions>
{
    public void Configure(HostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ShutdownTimeout = shutdown.Value.GracePeriod;
    }
}
