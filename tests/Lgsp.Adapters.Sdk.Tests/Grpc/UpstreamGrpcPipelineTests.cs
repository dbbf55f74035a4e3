using Grpc.Core;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Adapters.Sdk.Tests.Infrastructure;
using Lgsp.Testing;
using Lgsp.Core.Errors;

namespace Lgsp.Adapters.Sdk.Tests.Grpc;

/// <summary>The standard pipeline around a generated gRPC client, against a real gRPC service over h2c on loopback.</summary>
public sealed class UpstreamGrpcPipelineTests : IAsyncLifetime
{
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync(grpc: true);

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task IdempotentMethod_UnavailableThenOk_RetriesAndSucceeds()
    {
        _upstream.Script.Then(new Step(Grpc: StatusCode.Unavailable), new Step(Grpc: StatusCode.DeadlineExceeded));
        using var clients = Clients.Create(_upstream.BaseUrl);

        var call = clients.Grpc.ReadAsync(new EchoRequest { Text = "x" });
        var reply = await call;

        Assert.Equal(3, reply.Call);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task BaseUrlChanged_NextClientCallsTheNewServer_CallInFlightFinishesOnTheOld()
    {
        await using var moved = await TestUpstream.StartAsync(grpc: true);
        _upstream.Script.Then(new Step(DelayMs: 800));
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?> { ["Adapters:echo:AttemptTimeout"] = "00:00:05" });
        var inFlight = clients.Grpc.ReadAsync(new EchoRequest { Text = "before" }).ResponseAsync;
        while (_upstream.Script.Calls == 0)
        {
            await Task.Delay(10);
        }

        clients.Set("Adapters:echo:BaseUrl", moved.BaseUrl);
        var after = await clients.Grpc.ReadAsync(new EchoRequest { Text = "after" });
        var before = await inFlight;

        Assert.Equal((1, 1), (before.Call, after.Call));
        Assert.Equal((1, 1), (_upstream.Script.Calls, moved.Script.Calls));
    }

    [Fact]
    public async Task NonIdempotentMethod_Unavailable_IsNotRetried()
    {
        _upstream.Script.Then(new Step(Grpc: StatusCode.Unavailable));
        using var clients = Clients.Create(_upstream.BaseUrl);

        var fault = await Fault(() => clients.Grpc.WriteAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal("upstream.echo.unavailable", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
        Assert.Equal(1, _upstream.Script.Calls);
    }

    [Fact]
    public async Task ResourceExhaustedWithRetryAfter_WaitsThatLongThenSucceeds()
    {
        _upstream.Script.Then(new Step(Grpc: StatusCode.ResourceExhausted, RetryAfterSeconds: 1));
        var time = new RecordingTime();
        using var clients = Clients.Create(_upstream.BaseUrl, time: time);

        var call = clients.Grpc.ReadAsync(new EchoRequest()).ResponseAsync;
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1)); // the retry waits what the upstream asked

        Assert.False(call.IsCompleted);
        Assert.Equal(1, _upstream.Script.Calls);
        time.Advance(TimeSpan.FromSeconds(1));
        var reply = await call;
        Assert.Equal(2, reply.Call);
    }

    [Fact]
    public async Task ResourceExhaustedPersists_IsRateLimited()
    {
        _upstream.Script.Default = new Step(Grpc: StatusCode.ResourceExhausted);
        using var clients = Clients.Create(_upstream.BaseUrl);

        var fault = await Fault(() => clients.Grpc.ReadAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal("upstream.echo.rate_limited", fault.Error.Code);
        Assert.Equal(3, _upstream.Script.Calls);
    }

    [Fact]
    public async Task SlowerThanAttemptTimeout_IsTimeout()
    {
        _upstream.Script.Default = Step.Hold;
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Adapters:echo:AttemptTimeout"] = "00:00:01",
            ["Adapters:echo:Retry:MaxRetryAttempts"] = "1",
        });

        var fault = await Fault(() => clients.Grpc.ReadAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal("upstream.echo.timeout", fault.Error.Code);
        Assert.Equal(2, _upstream.Script.Calls);
        await _upstream.Script.WaitForAbandonedAsync(2); // each attempt was cut, not waited out (the upstream holds until the client hangs up)
    }

    [Fact]
    public async Task RepeatedFailures_OpenTheCircuitWithoutCalling()
    {
        _upstream.Script.Then(new Step(Grpc: StatusCode.Internal), new Step(Grpc: StatusCode.Unavailable));
        var time = new RecordingTime();
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Adapters:echo:Retry:MaxRetryAttempts"] = "0",
            ["Adapters:echo:CircuitBreaker:MinimumThroughput"] = "2",
            ["Adapters:echo:CircuitBreaker:BreakDuration"] = "00:00:02",
        }, time);
        await Fault(() => clients.Grpc.ReadAsync(new EchoRequest()).ResponseAsync);
        await Fault(() => clients.Grpc.ReadAsync(new EchoRequest()).ResponseAsync);

        var open = await Fault(() => clients.Grpc.ReadAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal("upstream.echo.circuit_open", open.Error.Code);
        Assert.Equal(2, _upstream.Script.Calls);
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal("upstream.echo.circuit_open", (await Fault(() => clients.Grpc.ReadAsync(new EchoRequest()).ResponseAsync)).Error.Code);
        time.Advance(TimeSpan.FromMilliseconds(1)); // the break is over: the next call probes and closes the circuit
        Assert.Equal(3, (await clients.Grpc.ReadAsync(new EchoRequest())).Call);
    }

    [Fact]
    public async Task CallerCancels_IsOperationCanceledPromptly()
    {
        using var clients = Clients.Create(_upstream.BaseUrl);
        await Warm(clients);
        _upstream.Script.Default = Step.Hold;
        using var cancel = new CancellationTokenSource();

        var call = Call(() => clients.Grpc.ReadAsync(new EchoRequest(), cancellationToken: cancel.Token).ResponseAsync, cancel.Token);
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (_upstream.Script.Calls < 2)
            {
                await Task.Delay(10, deadline.Token); // until the call is at the upstream, which holds it until the client hangs up
            }
        }

        await cancel.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.False(UpstreamFaults.TryTranslate(Clients.Source, error, cancel.Token, out _));
        await _upstream.Script.WaitForAbandonedAsync(1); // the caller's cancellation cut the call short at the upstream
        Assert.Equal(2, _upstream.Script.Calls);
    }

    [Fact]
    public async Task SourceDisabled_FailsWithoutCalling()
    {
        using var clients = Clients.Create(_upstream.BaseUrl, new Dictionary<string, string?> { ["Adapters:echo:Enabled"] = "false" });

        var fault = await Fault(() => clients.Grpc.ReadAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal("hub.source_disabled", fault.Error.Code);
        Assert.Equal(0, _upstream.Script.Calls);
    }

    /// <summary>A first call opens the connection, so what follows is about the call and not the set-up.</summary>
    private static async Task Warm(Clients clients) => await clients.Grpc.ReadAsync(new EchoRequest());

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
