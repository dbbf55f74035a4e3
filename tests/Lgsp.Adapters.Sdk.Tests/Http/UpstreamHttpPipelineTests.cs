using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Adapters.Sdk.Tests.Infrastructure;
using Lgsp.Testing;
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
        // The attempt times out only once the POST has reached the upstream (time moves when the test says): the upstream
        // has seen the POST once (it may have acted on it), and must never see it a second time.
        var time = new RecordingTime();
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?> { ["Adapters:echo:AttemptTimeout"] = "00:00:02" }, time);
        await Warm(clients);
        _upstream.Script.Default = Step.Hold;

        var call = Fault(() => clients.Http.WriteAsync(new EchoDto("x"), CancellationToken.None));
        await WaitUntilAsync(() => _upstream.Script.Calls == 2);
        time.Advance(TimeSpan.FromSeconds(2));
        var fault = await call.WaitAsync(TimeSpan.FromSeconds(30)); // a retry would wait on time that no longer moves

        Assert.Equal("upstream.echo.timeout", fault.Error.Code);
        Assert.Equal(2, _upstream.Script.Calls); // the warm-up and the one POST
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
        var time = new RecordingTime();
        using var clients = Clients.Create(_upstream.BaseUrl, time: time);

        var call = clients.Http.ReadAsync(CancellationToken.None);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1)); // the retry waits what the upstream asked

        Assert.False(call.IsCompleted);
        Assert.Equal(1, _upstream.Script.Calls);
        time.Advance(TimeSpan.FromSeconds(1));
        var answer = await call;
        Assert.Equal("call 2", answer.Text);
    }

    [Fact]
    public async Task Get_RetryAfterBeyondTheCap_IsRateLimitedAtOnce()
    {
        _upstream.Script.Then(new Step(429, RetryAfterSeconds: 60));
        // Time stands still: had the pipeline waited the 60 s (or any time at all), the call would never end.
        var time = new RecordingTime();
        using var clients = Clients.Create(_upstream.BaseUrl, time: time);

        var fault = await Fault(() => clients.Http.ReadAsync(CancellationToken.None));

        Assert.Equal("upstream.echo.rate_limited", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
        Assert.Contains("retry after 60 s", fault.Detail?.En, StringComparison.Ordinal);
        Assert.Equal(1, _upstream.Script.Calls);
        Assert.DoesNotContain(TimeSpan.FromSeconds(60), time.Asked);
    }

    [Fact]
    public async Task Get_SlowerThanAttemptTimeout_IsTimeout()
    {
        _upstream.Script.Default = Step.Hold;
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Adapters:echo:AttemptTimeout"] = "00:00:01",
            ["Adapters:echo:Retry:MaxRetryAttempts"] = "1",
        });

        var fault = await Fault(() => clients.Http.ReadAsync(CancellationToken.None));

        Assert.Equal("upstream.echo.timeout", fault.Error.Code);
        Assert.Equal(2, _upstream.Script.Calls);
        await _upstream.Script.WaitForAbandonedAsync(2); // each attempt was cut, not waited out (the upstream holds until the client hangs up)
    }

    [Fact]
    public async Task Get_SlowerThanTotalTimeout_IsTimeoutWithinTheTotal()
    {
        _upstream.Script.Default = Step.Hold;
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Adapters:echo:AttemptTimeout"] = "00:00:00.400",
            ["Adapters:echo:TotalTimeout"] = "00:00:00.500",
            ["Adapters:echo:Retry:MaxRetryAfter"] = "00:00:00.100",
        });

        var fault = await Fault(() => clients.Http.ReadAsync(CancellationToken.None));

        Assert.Equal("upstream.echo.timeout", fault.Error.Code);
        // The total (0.5 s) ends the call before a third attempt (two would take 0.8 s), and every attempt made was cut,
        // not waited out (the upstream holds until the client hangs up).
        var calls = _upstream.Script.Calls;
        Assert.InRange(calls, 1, 2);
        await _upstream.Script.WaitForAbandonedAsync(calls);
    }

    [Fact]
    public async Task Get_RepeatedFailures_OpenTheCircuitThenRecover()
    {
        _upstream.Script.Then(new Step(500), new Step(500));
        var time = new RecordingTime();
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Adapters:echo:Retry:MaxRetryAttempts"] = "0",
            ["Adapters:echo:CircuitBreaker:MinimumThroughput"] = "2",
            ["Adapters:echo:CircuitBreaker:FailureRatio"] = "0.5",
            ["Adapters:echo:CircuitBreaker:BreakDuration"] = "00:00:02",
        }, time);
        await Fault(() => clients.Http.ReadAsync(CancellationToken.None));
        await Fault(() => clients.Http.ReadAsync(CancellationToken.None));

        var open = await Fault(() => clients.Http.ReadAsync(CancellationToken.None));

        Assert.Equal("upstream.echo.circuit_open", open.Error.Code);
        Assert.Equal(503, open.Error.HttpStatus);
        Assert.Equal(FaultOrigin.Upstream, open.Error.Origin);
        Assert.Equal(2, _upstream.Script.Calls); // the open circuit answered without calling the upstream

        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal("upstream.echo.circuit_open", (await Fault(() => clients.Http.ReadAsync(CancellationToken.None))).Error.Code);
        time.Advance(TimeSpan.FromMilliseconds(1)); // the break is over: the next call probes and closes the circuit
        var answer = await clients.Http.ReadAsync(CancellationToken.None);
        Assert.Equal("call 3", answer.Text);
    }

    [Fact]
    public async Task Get_TooManyAtOnce_HubRejectsWithItsOwnCode()
    {
        // The first call holds the only permit until the test lets it go (the upstream holds its answer until then).
        _upstream.Script.Default = Step.Hold;
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Adapters:echo:Concurrency:PermitLimit"] = "1",
            ["Adapters:echo:Concurrency:QueueLimit"] = "0",
            ["Adapters:echo:AttemptTimeout"] = "00:00:30",
            ["Adapters:echo:TotalTimeout"] = "00:00:30",
        });
        using var releaseFirst = new CancellationTokenSource();

        var first = clients.Http.ReadAsync(releaseFirst.Token);
        await WaitUntilAsync(() => _upstream.Script.Calls == 1); // the first call is at the upstream, holding the permit
        var fault = await Fault(() => clients.Http.ReadAsync(CancellationToken.None));
        await releaseFirst.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        Assert.Equal("hub.upstream_capacity_exceeded", fault.Error.Code);
        Assert.Equal(FaultOrigin.Hub, fault.Error.Origin);
        Assert.Contains("echo", fault.Detail?.En, StringComparison.Ordinal);
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
        _upstream.Script.Default = Step.Hold;
        using var cancel = new CancellationTokenSource();

        var call = Call(() => clients.Http.ReadAsync(cancel.Token), cancel.Token);
        await WaitUntilAsync(() => _upstream.Script.Calls == 2); // the call is at the upstream, which holds it until the client hangs up
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.False(UpstreamFaults.TryTranslate(Clients.Source, error, cancel.Token, out _));
        // The caller's cancellation cut the call short at the upstream, and nothing was tried again.
        await _upstream.Script.WaitForAbandonedAsync(1);
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

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    /// <summary>A first call opens the connection, so what follows is about the call and not the set-up.</summary>
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
