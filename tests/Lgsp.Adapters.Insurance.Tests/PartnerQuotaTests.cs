using System.Collections.Concurrent;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.Insurance.Tests;

/// <summary>A partner quota of one request at a time, refilled every second.</summary>
public sealed class TightQuotaSandbox : SandboxFixture
{
    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Sandbox:Insurance:Burst"] = "1";
        settings["Sandbox:Insurance:RequestsPerSecond"] = "1";
        return settings;
    }
}

/// <summary>A partner quota of one request, refilled every 50 seconds: longer than the hub waits.</summary>
public sealed class ExhaustedQuotaSandbox : SandboxFixture
{
    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Sandbox:Insurance:Burst"] = "1";
        settings["Sandbox:Insurance:RequestsPerSecond"] = "0.02";
        return settings;
    }
}

/// <summary>
/// BHXH's own rate limit (the stand-in's token bucket, not the fault switch): the adapter waits the 429's
/// <c>Retry-After</c> and asks again, the retry carrying the partner's <c>lgspaccesstoken</c> like the first attempt.
/// </summary>
public sealed class PartnerQuotaTests(TightQuotaSandbox sandbox) : IClassFixture<TightQuotaSandbox>, IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.ResetFaultAsync(SourceNames.Insurance);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Lookup_QuotaUsedUp_WaitsTheRetryAfterAndRetriesWithTheCredentials()
    {
        var attempts = new ConcurrentQueue<string>();
        // The stand-in's bucket refills on the real clock, so the adapter waits on it too; the waits it asks for are recorded.
        var time = new RecordingTime(TimeProvider.System);
        using var adapter = SandboxPartner.Adapter(sandbox, configure: services => services
            .AddSingleton<TimeProvider>(time)
            .AddHttpClient(SocialInsuranceServiceCollectionExtensions.ClientName)
            .AddHttpMessageHandler(() => new SeenOnTheWire(attempts)));
        var source = adapter.GetRequiredService<ISocialInsuranceSource>();
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);
        await source.GetParticipantAsync(code, SandboxPartner.Context(), CancellationToken.None); // takes the one token
        attempts.Clear();
        await sandbox.ResetFaultAsync(SourceNames.Insurance);
        var waitsBefore = time.Asked.Count(wait => wait == TimeSpan.FromSeconds(1));

        var record = await source.GetParticipantAsync(code, SandboxPartner.Context(), CancellationToken.None);

        Assert.Equal(code, record.Code);
        // The retry waited what the stand-in's Retry-After said (1 s: one request a second), not its own backoff (10 ms).
        Assert.Equal(waitsBefore + 1, time.Asked.Count(wait => wait == TimeSpan.FromSeconds(1)));
        Assert.Equal(2, (await sandbox.CallsAsync(SourceNames.Insurance))["/apiBHXH/1.0/traCuuThongTinBHXH"]);
        var (first, retry) = (attempts.ElementAt(0), attempts.ElementAt(1));
        Assert.Equal(2, attempts.Count);
        Assert.Equal(SandboxPartner.HeaderValue(), first);
        Assert.Equal(first, retry);
    }

    /// <summary>Innermost: sees each attempt as it goes out, after the credential handler.</summary>
    private sealed class SeenOnTheWire(ConcurrentQueue<string> attempts) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            attempts.Enqueue(request.Headers.GetValues("lgspaccesstoken").Single());
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>A quota that refills later than the hub is willing to wait: <c>rate_limited</c> at once, nothing sent again.</summary>
public sealed class ExhaustedPartnerQuotaTests(ExhaustedQuotaSandbox sandbox) : IClassFixture<ExhaustedQuotaSandbox>
{
    [Fact]
    public async Task Lookup_QuotaRefillsBeyondTheCap_IsRateLimitedAtOnce()
    {
        // Time stands still for the adapter: had it waited the 50 s (or any time at all), the lookup would never end.
        var time = new RecordingTime();
        using var adapter = SandboxPartner.Adapter(sandbox, configure: services => services.AddSingleton<TimeProvider>(time));
        var source = adapter.GetRequiredService<ISocialInsuranceSource>();
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);
        await source.GetParticipantAsync(code, SandboxPartner.Context(), CancellationToken.None); // takes the one token
        await sandbox.ResetFaultAsync(SourceNames.Insurance);

        var fault = await Assert.ThrowsAsync<LgspException>(() => source.GetParticipantAsync(code, SandboxPartner.Context(), CancellationToken.None));

        Assert.Equal("upstream.insurance.rate_limited", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
        Assert.Contains("retry after 50 s", fault.Detail?.En, StringComparison.Ordinal);
        Assert.DoesNotContain(TimeSpan.FromSeconds(50), time.Asked);
        Assert.Equal(1, (await sandbox.CallsAsync(SourceNames.Insurance))["/apiBHXH/1.0/traCuuThongTinBHXH"]);
    }
}
