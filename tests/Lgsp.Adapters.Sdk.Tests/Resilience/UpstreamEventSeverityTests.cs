using Lgsp.Adapters.Sdk.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace Lgsp.Adapters.Sdk.Tests.Resilience;

public sealed class UpstreamEventSeverityTests
{
    [Theory]
    [InlineData("OnRateLimiterRejected", ResilienceEventSeverity.Error, ResilienceEventSeverity.Information)]
    [InlineData("OnCircuitOpened", ResilienceEventSeverity.Error, ResilienceEventSeverity.Error)]
    [InlineData("OnRetry", ResilienceEventSeverity.Warning, ResilienceEventSeverity.Warning)]
    [InlineData("OnTimeout", ResilienceEventSeverity.Error, ResilienceEventSeverity.Error)]
    public void SeverityProvider_AfterAddUpstreamOptions_OnlyConcurrencyRejectionsAreQuieter(string eventName, ResilienceEventSeverity polly, ResilienceEventSeverity expected)
    {
        var services = new ServiceCollection();
        services.AddUpstreamOptions("business", new ConfigurationBuilder().Build());
        services.AddUpstreamOptions("land", new ConfigurationBuilder().Build()); // registered once, not wrapped twice
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        var context = ResilienceContextPool.Shared.Get();

        var severity = options.SeverityProvider!(new SeverityProviderArguments(
            new ResilienceTelemetrySource("upstream-business", null, "RateLimiter"), new ResilienceEvent(polly, eventName), context));

        ResilienceContextPool.Shared.Return(context);
        Assert.Equal(expected, severity);
    }
}
