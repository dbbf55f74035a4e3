using System.Diagnostics;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Adapters.Sdk.Tests.Infrastructure;
using Lgsp.Core.Errors;

namespace Lgsp.Adapters.Sdk.Tests.Http;

/// <summary>The standard pipeline on a Refit client, against a real upstream on loopback.</summary>
public sealed class UpstreamHttpPipelineTests : IAsyncLifetime
{
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task Get_ServerErrorsThenSuccess_RetriesAndSucceeds()
    {
        _upstream.Script.Then(new Step(503), new Step(500));
        using var clients = Clients.Create(_upstream.BaseUrl);

        var answer = await clients.Http.ReadAsync(CancellationToken.None);

        Assert.Equal("call 3", answer.Text);
        Assert.Equal(3, _upstream.Script.Calls);
    }

    [Fact]
    public async Task Post_ServerError_IsNotRetriedAndIsUnavailable()
    {
        _upstream.Script.Then(new Step(503));
        using var clients = Clients.Create(_upstream.BaseUrl);

        var fault = await Fault(() => clients.Http.WriteAsync(new EchoDto("x"), CancellationToken.None));

        Assert.Equal("upstream.echo.unavailable", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
        Assert.Equal(1, _upstream.Script.Calls);
    }

    [Fact]
    public async Task Post_TooManyRequests_IsRetriedBecauseNothingWasDone()
    {
        _upstream.Script.Then(new Step(429, RetryAfterSeconds: 0));
        using var clients = Clients.Create(_upstream.BaseUrl);

        var answer = await clients.Http.WriteAsync(new EchoDto("x"), CancellationToken.None);

        Assert.Equal("call 2", answer.Text);
    }

    [Fact]
    public async Task Post_TimeoutAfterSending_IsNotRetried()
    {
        _upstream.Script.Then(new Step(DelayMs: 3000));
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?> { ["Adapters:echo:AttemptTimeout"] = "00:00:00.200" });

        var fault = await Fault(() => clients.Http.WriteAsync(new EchoDto("x"), CancellationToken.None));

        Assert.Equal("upstream.echo.timeout", fault.Error.Code);
        Assert.Equal(1, _upstream.Script.Calls);
    }

    [Fact]
    public async Task Post_MarkedIdempotent_IsRetried()
    {
        _upstream.Script.Then(new Step(502));
        using var clients = Clients.Create(_upstream.BaseUrl);

        var answer = await clients.Http.LookupAsync(new EchoDto("x"), CancellationToken.None);

        Assert.Equal("call 2", answer.Text);
    }

    [Fact]
    public async Task Get_ServerErrorPersists_IsUnavailableAfterAllAttempts()
    {
        _upstream.Script.Default = new Step(503);
        using var clients = Clients.Create(_upstream.BaseUrl);

        var fault = await Fault(() => clients.Http.ReadAsync(CancellationToken.None));

        Assert.Equal("upstream.echo.unavailable", fault.Error.Code);
        Assert.Equal(3, _upstream.Script.Calls);
    }

    [Fact]
    public async Task Get_TooManyRequestsWithRetryAfter_WaitsThatLongThenSucceeds()
    {
        _upstream.Script.Then(new Step(429, RetryAfterSeconds: 1));
        using var clients = Clients.Create(_upstream.BaseUrl);
        var watch = Stopwatch.StartNew();

        var answer = await clients.Http.ReadAsync(CancellationToken.None);

        Assert.Equal("call 2", answer.Text);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Get_RetryAfterBeyondTheCap_IsRateLimitedAtOnce()
    {
        _upstream.Script.Then(new Step(429, RetryAfterSeconds: 60));
        using var clients = Clients.Create(_upstream.BaseUrl);
        var watch = Stopwatch.StartNew();

        var fault = await Fault(() => clients.Http.ReadAsync(CancellationToken.None));

        Assert.Equal("upstream.echo.rate_limited", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
        Assert.Contains("retry after 60 s", fault.Detail, StringComparison.Ordinal);
        Assert.Equal(1, _upstream.Script.Calls);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10)); // far less than the 60 s it would have waited
    }

    [Fact]
    public async Task Get_SlowerThanAttemptTimeout_IsTimeout()
    {
        _upstream.Script.Default = new Step(DelayMs: 20000);
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Adapters:echo:AttemptTimeout"] = "00:00:00.200",
            ["Adapters:echo:Retry:MaxRetryAttempts"] = "1",
        });
        var watch = Stopwatch.StartNew();

        var fault = await Fault(() => clients.Http.ReadAsync(CancellationToken.None));

        Assert.Equal("upstream.echo.timeout", fault.Error.Code);
        Assert.Equal(2, _upstream.Script.Calls);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}"); // well short of the upstream's 20 s
    }

    [Fact]
    public async Task Get_SlowerThanTotalTimeout_IsTimeoutWithinTheTotal()
    {
        _upstream.Script.Default = new Step(DelayMs: 20000);
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Adapters:echo:AttemptTimeout"] = "00:00:00.400",
            ["Adapters:echo:TotalTimeout"] = "00:00:00.500",
            ["Adapters:echo:Retry:MaxRetryAfter"] = "00:00:00.100",
        });
        var watch = Stopwatch.StartNew();

        var fault = await Fault(() => clients.Http.ReadAsync(CancellationToken.None));

        Assert.Equal("upstream.echo.timeout", fault.Error.Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}"); // well short of the upstream's 20 s
    }

    [Fact]
    public async Task Get_RepeatedFailures_OpenTheCircuitThenRecover()
    {
        _upstream.Script.Then(new Step(500), new Step(500));
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Adapters:echo:Retry:MaxRetryAttempts"] = "0",
            ["Adapters:echo:CircuitBreaker:MinimumThroughput"] = "2",
            ["Adapters:echo:CircuitBreaker:FailureRatio"] = "0.5",
            ["Adapters:echo:CircuitBreaker:BreakDuration"] = "00:00:02",
        });
        await Fault(() => clients.Http.ReadAsync(CancellationToken.None));
        await Fault(() => clients.Http.ReadAsync(CancellationToken.None));

        var open = await Fault(() => clients.Http.ReadAsync(CancellationToken.None));

        Assert.Equal("upstream.echo.circuit_open", open.Error.Code);
        Assert.Equal(503, open.Error.HttpStatus);
        Assert.Equal(FaultOrigin.Upstream, open.Error.Origin);
        Assert.Equal(2, _upstream.Script.Calls); // the open circuit answered without calling the upstream

        await Task.Delay(2500);
        var answer = await clients.Http.ReadAsync(CancellationToken.None);
        Assert.Equal("call 3", answer.Text);
    }

    [Fact]
    public async Task Get_TooManyAtOnce_HubRejectsWithItsOwnCode()
    {
        _upstream.Script.Default = new Step(DelayMs: 500);
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Adapters:echo:Concurrency:PermitLimit"] = "1",
            ["Adapters:echo:Concurrency:QueueLimit"] = "0",
        });

        var first = clients.Http.ReadAsync(CancellationToken.None);
        await Task.Delay(100);
        var fault = await Fault(() => clients.Http.ReadAsync(CancellationToken.None));
        await first;

        Assert.Equal("hub.upstream_capacity_exceeded", fault.Error.Code);
        Assert.Equal(FaultOrigin.Hub, fault.Error.Origin);
        Assert.Contains("echo", fault.Detail, StringComparison.Ordinal);
        Assert.Equal(1, _upstream.Script.Calls);
    }

    [Fact]
    public async Task Get_RateLimitExceeded_HubRejectsWithItsOwnCode()
    {
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Adapters:echo:RateLimit:PermitLimit"] = "2",
            ["Adapters:echo:RateLimit:Window"] = "00:01:00",
        });

        await clients.Http.ReadAsync(CancellationToken.None);
        await clients.Http.ReadAsync(CancellationToken.None);
        var fault = await Fault(() => clients.Http.ReadAsync(CancellationToken.None));

        Assert.Equal("hub.upstream_capacity_exceeded", fault.Error.Code);
        Assert.Equal(2, _upstream.Script.Calls);
    }

    [Fact]
    public async Task Get_MalformedBody_IsBadResponse()
    {
        _upstream.Script.Then(new Step(299));
        using var clients = Clients.Create(_upstream.BaseUrl);

        var fault = await Fault(() => clients.Http.ReadAsync(CancellationToken.None));

        Assert.Equal("upstream.echo.bad_response", fault.Error.Code);
        Assert.Equal(1, _upstream.Script.Calls);
    }

    [Fact]
    public async Task Get_CallerCancels_IsOperationCanceledPromptly()
    {
        using var clients = Clients.Create(_upstream.BaseUrl);
        await Warm(clients);
        _upstream.Script.Default = new Step(DelayMs: 20000);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Call(() => clients.Http.ReadAsync(cancel.Token), cancel.Token));

        Assert.False(UpstreamFaults.TryTranslate(Clients.Source, error, cancel.Token, out _));
        // The upstream holds the answer for 20 s: ending well before it shows the caller's cancellation cut the call short
        // (a generous bound, not a stopwatch target, so a loaded CI machine does not fail it).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(2, _upstream.Script.Calls);
    }

    [Fact]
    public async Task Get_SourceDisabledAtRuntime_FailsWithoutCallingThenResumes()
    {
        using var clients = Clients.Create(_upstream.BaseUrl);
        await clients.Http.ReadAsync(CancellationToken.None);

        clients.Set("Adapters:echo:Enabled", "false");
        var fault = await Fault(() => clients.Http.ReadAsync(CancellationToken.None));
        clients.Set("Adapters:echo:Enabled", "true");
        var answer = await clients.Http.ReadAsync(CancellationToken.None);

        Assert.Equal("hub.source_disabled", fault.Error.Code);
        Assert.Equal(FaultOrigin.Hub, fault.Error.Origin);
        Assert.Equal("call 2", answer.Text);
    }

    [Fact]
    public async Task Get_RetrySettingChangedAtRuntime_NextCallUsesIt()
    {
        _upstream.Script.Default = new Step(503);
        using var clients = Clients.Create(_upstream.BaseUrl);
        await Fault(() => clients.Http.ReadAsync(CancellationToken.None));
        Assert.Equal(3, _upstream.Script.Calls);

        clients.Set("Adapters:echo:Retry:MaxRetryAttempts", "0");
        await Fault(() => clients.Http.ReadAsync(CancellationToken.None));

        Assert.Equal(4, _upstream.Script.Calls);
    }

    /// <summary>A first call opens the connection, so a timing assertion measures the call and not the set-up.</summary>
    private static async Task Warm(Clients clients) => await clients.Http.ReadAsync(CancellationToken.None);

    /// <summary>Runs a call and translates its failure as an adapter does.</summary>
    private static async Task<T> Call<T>(Func<Task<T>> call, CancellationToken cancellationToken = default)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (UpstreamFaults.TryTranslate(Clients.Source, ex, cancellationToken, out var fault))
        {
            throw fault;
        }
    }

    private static Task<LgspException> Fault<T>(Func<Task<T>> call) => Assert.ThrowsAsync<LgspException>(() => Call(call));
}
