using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Lgsp.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.Contract;

/// <summary>
/// The contract every adapter passes against its stand-in in the real sandbox, over real HTTP or gRPC: success
/// mapped to the canonical record (and a valid packet in both forms), not found, timeout, 5xx retried then
/// unavailable, the circuit opening and recovering, 429 with <c>Retry-After</c>, malformed answers, a redirect (never
/// followed), the upstream dropping the connection, and the caller's cancellation. Every fault asserts the code and <c>faultOrigin</c>.
/// An adapter's test project derives one sealed class from this (or from <see cref="SignedAdapterContractTests"/>
/// for a source that signs its answers) and supplies the lookups; each test builds the adapter afresh through its
/// real DI registration, so circuit and token state never leak between tests.
/// </summary>
public abstract class AdapterContractTests : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    protected AdapterContractTests(SandboxFixture sandbox)
    {
        Sandbox = sandbox;
    }

    protected SandboxFixture Sandbox { get; }

    /// <summary>The source name, as in <c>upstream.&lt;source&gt;.*</c> and the sandbox's fault switch.</summary>
    protected abstract string Source { get; }

    /// <summary>The operation named in the packet header, in the source's vocabulary.</summary>
    protected abstract string Operation { get; }

    /// <summary>The adapter's real registration (e.g. <c>services.AddBusinessRegistryAdapter(configuration)</c>).</summary>
    protected abstract void AddAdapter(IServiceCollection services, IConfiguration configuration);

    /// <summary>Looks up a record the sandbox holds (take it from <see cref="SandboxFixture.DemoAsync"/>).</summary>
    protected abstract Task<PacketBody> LookupExistingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken);

    /// <summary>Looks up a well-formed key the sandbox does not hold.</summary>
    protected abstract Task<PacketBody> LookupMissingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken);

    /// <summary>Asserts the record <see cref="LookupExistingAsync"/> returned is the sandbox's record, mapped field by field.</summary>
    protected abstract Task AssertCanonicalAsync(PacketBody body);

    /// <summary>
    /// The adapter's settings. The base points <c>BaseUrl</c> at the sandbox's HTTP port and sets short, predictable
    /// timings; a gRPC adapter overrides <c>BaseUrl</c> with <see cref="SandboxFixture.GrpcBaseUrl"/>, a source with
    /// credentials adds them.
    /// </summary>
    protected virtual IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        [$"Adapters:{Source}:BaseUrl"] = Sandbox.HttpBaseUrl.ToString(),
        [$"Adapters:{Source}:AttemptTimeout"] = "00:00:02",
        [$"Adapters:{Source}:TotalTimeout"] = "00:00:06",
        [$"Adapters:{Source}:Retry:MaxRetryAttempts"] = "2",
        [$"Adapters:{Source}:Retry:BaseDelay"] = "00:00:00.020",
        [$"Adapters:{Source}:Retry:MaxDelay"] = "00:00:00.100",
        [$"Adapters:{Source}:Retry:MaxRetryAfter"] = "00:00:02",
        // Out of the way except in the breaker test.
        [$"Adapters:{Source}:CircuitBreaker:MinimumThroughput"] = "1000",
    };

    /// <summary>Before each test: the stand-in's fault switch off. An adapter's suite may prepare more (e.g. a trust file).</summary>
    public virtual Task InitializeAsync() => Sandbox.ResetFaultAsync(Source);

    public virtual Task DisposeAsync() => Sandbox.ResetFaultAsync(Source);

    [Fact]
    public async Task Lookup_Existing_MapsToTheCanonicalRecordThatIsAValidPacket()
    {
        using var adapter = CreateAdapter();

        var body = await LookupExistingAsync(adapter, Context(), CancellationToken.None);

        await AssertCanonicalAsync(body);
        var packet = new Packet(Header(), body);
        var json = PacketJson.ToJson(packet);
        Assert.Equal(json, PacketJson.ToJson(PacketJson.Read(json)));
        var xml = PacketXml.ToXml(packet);
        Assert.Equal(xml, PacketXml.ToXml(PacketXml.Read(xml)));
    }

    [Fact]
    public async Task Lookup_Missing_IsNotFound()
    {
        using var adapter = CreateAdapter();

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupMissingAsync(adapter, Context(), CancellationToken.None));

        AssertUpstream(fault, "not_found");
        Assert.Equal(404, fault.Error.HttpStatus);
    }

    [Fact]
    public async Task Lookup_UpstreamSlowerThanTheTimeouts_IsTimeout()
    {
        using var adapter = CreateAdapter(new()
        {
            [$"Adapters:{Source}:AttemptTimeout"] = "00:00:00.300",
            [$"Adapters:{Source}:TotalTimeout"] = "00:00:01",
            [$"Adapters:{Source}:Retry:MaxRetryAfter"] = "00:00:00.500",
        });
        await WarmAsync(adapter);
        await Sandbox.SetFaultAsync(Source, new { mode = "slow", delayMs = 5000 });

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupExistingAsync(adapter, Context(), CancellationToken.None));

        AssertUpstream(fault, "timeout");
        // Every attempt that reached the stand-in was cut by the adapter, not waited out (the stand-in holds it 5 s).
        var attempts = await Sandbox.FaultsAppliedAsync(Source);
        Assert.InRange(attempts, 1, 3);
        await Sandbox.WaitForAbandonedAsync(Source, attempts);
    }

    [Fact]
    public async Task Lookup_UpstreamServerErrorOnce_IsRetriedAndSucceeds()
    {
        using var adapter = CreateAdapter();
        await Sandbox.SetFaultAsync(Source, new { mode = "error", status = 503, count = 1 });

        var body = await LookupExistingAsync(adapter, Context(), CancellationToken.None);

        await AssertCanonicalAsync(body);
        Assert.Equal(1, await Sandbox.FaultsAppliedAsync(Source));
    }

    [Fact]
    public async Task Lookup_UpstreamServerErrorPersists_IsRetriedThenUnavailable()
    {
        using var adapter = CreateAdapter();
        // 503 is transient in every protocol (gRPC Unavailable); a gRPC Internal (HTTP 500's match) is not retried.
        await Sandbox.SetFaultAsync(Source, new { mode = "error", status = 503 });

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupExistingAsync(adapter, Context(), CancellationToken.None));

        AssertUpstream(fault, "unavailable");
        Assert.Equal(503, fault.Error.HttpStatus);
        Assert.Equal(3, await Sandbox.FaultsAppliedAsync(Source)); // the first try and two retries
    }

    [Fact]
    public async Task Lookup_UpstreamDropsTheConnection_IsUnavailable()
    {
        using var adapter = CreateAdapter();
        await Sandbox.SetFaultAsync(Source, new { mode = "down" });

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupExistingAsync(adapter, Context(), CancellationToken.None));

        AssertUpstream(fault, "unavailable");
    }

    [Fact]
    public async Task Lookup_RepeatedFailures_OpenTheCircuitWithoutCallingThenRecover()
    {
        var time = new RecordingTime();
        using var adapter = CreateAdapter(new()
        {
            [$"Adapters:{Source}:Retry:MaxRetryAttempts"] = "0",
            [$"Adapters:{Source}:CircuitBreaker:MinimumThroughput"] = "2",
            [$"Adapters:{Source}:CircuitBreaker:FailureRatio"] = "0.5",
            [$"Adapters:{Source}:CircuitBreaker:BreakDuration"] = "00:00:02",
        }, time);
        await Sandbox.SetFaultAsync(Source, new { mode = "error", status = 503 });
        AssertUpstream(await Assert.ThrowsAsync<LgspException>(() => LookupExistingAsync(adapter, Context(), CancellationToken.None)), "unavailable");
        AssertUpstream(await Assert.ThrowsAsync<LgspException>(() => LookupExistingAsync(adapter, Context(), CancellationToken.None)), "unavailable");

        var open = await Assert.ThrowsAsync<LgspException>(() => LookupExistingAsync(adapter, Context(), CancellationToken.None));

        AssertUpstream(open, "circuit_open");
        Assert.Equal(503, open.Error.HttpStatus);
        Assert.Equal(2, await Sandbox.FaultsAppliedAsync(Source)); // the open circuit did not call the upstream

        await Sandbox.ResetFaultAsync(Source);
        time.Advance(TimeSpan.FromMilliseconds(1999));
        AssertUpstream(await Assert.ThrowsAsync<LgspException>(() => LookupExistingAsync(adapter, Context(), CancellationToken.None)), "circuit_open");
        time.Advance(TimeSpan.FromMilliseconds(1)); // the break is over: the next call probes and closes the circuit
        await AssertCanonicalAsync(await LookupExistingAsync(adapter, Context(), CancellationToken.None));
    }

    [Fact]
    public async Task Lookup_RateLimitedWithRetryAfter_WaitsThatLongThenSucceeds()
    {
        var time = new RecordingTime();
        using var adapter = CreateAdapter(time: time);
        await WarmAsync(adapter);
        await Sandbox.SetFaultAsync(Source, new { mode = "ratelimit", retryAfterSeconds = 1, count = 1 });

        var lookup = LookupExistingAsync(adapter, Context(), CancellationToken.None);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1)); // the retry waits what the stand-in asked

        Assert.False(lookup.IsCompleted);
        Assert.Equal(1, await Sandbox.FaultsAppliedAsync(Source));
        time.Advance(TimeSpan.FromSeconds(1));
        await AssertCanonicalAsync(await lookup);
        Assert.Equal(1, await Sandbox.FaultsAppliedAsync(Source));
    }

    [Fact]
    public async Task Lookup_RateLimitPersists_IsRateLimited()
    {
        using var adapter = CreateAdapter();
        await Sandbox.SetFaultAsync(Source, new { mode = "ratelimit", retryAfterSeconds = 1 });

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupExistingAsync(adapter, Context(), CancellationToken.None));

        AssertUpstream(fault, "rate_limited");
        Assert.Equal(3, await Sandbox.FaultsAppliedAsync(Source));
    }

    [Fact]
    public async Task Lookup_RetryAfterBeyondTheCap_IsRateLimitedAtOnce()
    {
        // Time stands still: had the adapter waited the 120 s asked (or any time at all), the lookup would never end.
        var time = new RecordingTime();
        using var adapter = CreateAdapter(time: time);
        await WarmAsync(adapter);
        await Sandbox.SetFaultAsync(Source, new { mode = "ratelimit", retryAfterSeconds = 120 });

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupExistingAsync(adapter, Context(), CancellationToken.None));

        AssertUpstream(fault, "rate_limited");
        Assert.Contains("120", fault.Detail?.En, StringComparison.Ordinal);
        Assert.DoesNotContain(TimeSpan.FromSeconds(120), time.Asked);
        Assert.Equal(1, await Sandbox.FaultsAppliedAsync(Source));
    }

    [Fact]
    public async Task Lookup_MalformedAnswer_IsBadResponse()
    {
        using var adapter = CreateAdapter();
        await Sandbox.SetFaultAsync(Source, new { mode = "malformed" });

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupExistingAsync(adapter, Context(), CancellationToken.None));

        AssertUpstream(fault, "bad_response");
        Assert.Equal(502, fault.Error.HttpStatus);
        Assert.Equal(1, await Sandbox.FaultsAppliedAsync(Source)); // an unreadable answer is not worth asking again
    }

    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    public async Task Lookup_UpstreamRedirects_IsBadResponseAndNothingFollowsIt(int status)
    {
        using var adapter = CreateAdapter();
        await Sandbox.SetFaultAsync(Source, new { mode = "redirect", status });

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupExistingAsync(adapter, Context(), CancellationToken.None));

        AssertUpstream(fault, "bad_response");
        Assert.Equal(502, fault.Error.HttpStatus);
        Assert.Equal(1, await Sandbox.FaultsAppliedAsync(Source)); // not retried
        Assert.Equal(0, await Sandbox.RedirectsFollowedAsync(Source)); // the request (and its credentials) went nowhere else
    }

    /// <summary>The status a source's huge answer comes with: 200, or 500 for a SOAP service (its faults travel as 500).</summary>
    protected virtual int HugeAnswerStatus => 200;

    [Fact]
    public async Task Lookup_HugeChunkedAnswer_IsBadResponseWithoutReadingItAll()
    {
        const long size = 64L * 1024 * 1024;
        var read = new AnswerReadCounter();
        using var adapter = CreateAdapter(configure: read.AddTo);
        await WarmAsync(adapter); // a token fetched, a connection made: what is read next is the huge answer
        await Sandbox.SetFaultAsync(Source, new { mode = "huge", status = HugeAnswerStatus, sizeBytes = size });
        var before = read.Bytes;

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupExistingAsync(adapter, Context(), CancellationToken.None));

        AssertUpstream(fault, "bad_response");
        Assert.Equal(1, await Sandbox.FaultsAppliedAsync(Source)); // not retried
        // The adapter stopped at its cap (4 MiB by default, one read beyond it at most), never buffering the whole answer.
        var answer = read.Bytes - before;
        Assert.True(answer <= 5L * 1024 * 1024, $"{answer} of {size} bytes were read: the answer was read beyond the cap");
    }

    [Fact]
    public async Task Lookup_CallerCancels_IsOperationCanceledPromptly()
    {
        using var adapter = CreateAdapter();
        await WarmAsync(adapter);
        await Sandbox.SetFaultAsync(Source, new { mode = "slow", delayMs = 20000 });
        using var cancel = new CancellationTokenSource();

        var lookup = LookupExistingAsync(adapter, Context(), cancel.Token);
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (await Sandbox.FaultsAppliedAsync(Source) == 0)
            {
                await Task.Delay(20, deadline.Token); // until the call is at the stand-in, which holds it 20 s
            }
        }

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lookup);

        // The caller's cancellation cut the call short at the stand-in, and nothing was tried again.
        await Sandbox.WaitForAbandonedAsync(Source, 1);
        Assert.Equal(1, await Sandbox.FaultsAppliedAsync(Source));
    }

    /// <summary>A fresh adapter through its real registration, with <see cref="Settings"/> and the test's overrides.</summary>
    /// <param name="time">The time the adapter runs on (<see cref="RecordingTime"/> for the tests about waits); the system's by default.</param>
    protected ServiceProvider CreateAdapter(Dictionary<string, string?>? overrides = null, TimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>(Settings());
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        AddAdapter(services, configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    protected static LookupContext Context() => new()
    {
        RequestId = Guid.NewGuid().ToString("D"),
        Purpose = ProcedureCode.Parse("1.001193"),
        OfficerId = "CB-0042",
        ClientId = "contract-tests",
    };

    protected void AssertUpstream(LgspException fault, string kind)
    {
        ArgumentNullException.ThrowIfNull(fault);
        Assert.Equal($"upstream.{Source}.{kind}", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
    }

    /// <summary>
    /// One successful call first, so what follows is about the fault and not connection set-up or a token fetch. The
    /// tests that warm up set tight timeouts (300 ms an attempt), which a first call on a cold, loaded machine (JIT,
    /// connection set-up, XML verification) can overrun: such a time-out is the warm-up's own and is tried again,
    /// until one call succeeds or a 60 s deadline passes. Any other fault fails the test.
    /// </summary>
    protected async Task WarmAsync(IServiceProvider adapter)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                await LookupExistingAsync(adapter, Context(), CancellationToken.None);
                return;
            }
            catch (LgspException fault) when (fault.Error.Code == $"upstream.{Source}.timeout" && !deadline.IsCancellationRequested)
            {
                // cold start: the next call finds the code compiled and the connection open
            }
        }
    }

    private PacketHeader Header() => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = "contract",
        Sender = AgencyCode.Parse("000.00.00.G22"),
        Receiver = AgencyCode.Parse("000.00.14.H56"),
        Service = Source,
        Operation = Operation,
        CreatedAt = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(7)),
        Purpose = ProcedureCode.Parse("1.001193"),
        OfficerId = "CB-0042",
    };
}

/// <summary>
/// The contract of a source that signs its answers: everything in <see cref="AdapterContractTests"/>, plus a broken
/// signature reported as <c>upstream.&lt;source&gt;.signature_invalid</c>. Only signed sources derive from this.
/// </summary>
public abstract class SignedAdapterContractTests : AdapterContractTests
{
    protected SignedAdapterContractTests(SandboxFixture sandbox)
        : base(sandbox)
    {
    }

    [Fact]
    public async Task Lookup_BadSignature_IsSignatureInvalid()
    {
        using var adapter = CreateAdapter();
        await Sandbox.SetFaultAsync(Source, new { mode = "badsignature" });

        var fault = await Assert.ThrowsAsync<LgspException>(() => LookupExistingAsync(adapter, Context(), CancellationToken.None));

        AssertUpstream(fault, "signature_invalid");
        Assert.Equal(502, fault.Error.HttpStatus);
    }
}
