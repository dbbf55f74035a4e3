using System.Collections.Concurrent;
using System.Net;
using System.Runtime.ExceptionServices;
using Lgsp.Adapters.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lgsp.Hub.Tests.Gateway;

/// <summary>
/// Issue #16: no exceptions on the hot path or on the hub's own refusals, and as few as the libraries allow when the
/// upstream fails. Every first-chance exception raised while the hub serves a request is counted for that request
/// (<see cref="ExceptionCounter"/>: an <see cref="AsyncLocal{T}"/> set by the hub's first middleware, so only the
/// request's own flow counts, not the sandbox's, another test's or the test client's).
/// </summary>
public sealed class ExceptionCountTests(ExceptionCountTests.Fixture gateway, ITestOutputHelper output) : IClassFixture<ExceptionCountTests.Fixture>
{
    [Fact]
    public async Task Lookup_Good_ThrowsNoException()
    {
        var c = await SourceCase.ForAsync("business", gateway.Sandbox);
        var token = await gateway.TokenAsync(GatewayFixture.Portal, c.Scope);
        await SendAsync("warm-up", c.ExistingPath, token, c.GrantedPurpose, c.Officer, HttpStatusCode.OK);

        var exceptions = await SendAsync("good", c.ExistingPath, token, c.GrantedPurpose, c.Officer, HttpStatusCode.OK);

        Assert.Empty(exceptions);
    }

    [Fact]
    public async Task Lookup_RefusedByAccessRights_ThrowsNoException()
    {
        var c = await SourceCase.ForAsync("business", gateway.Sandbox);
        var token = await gateway.TokenAsync(c.ClientWithoutRight, c.Scope);
        await SendAsync("warm-up", c.ExistingPath, token, c.GrantedPurpose, c.Officer, HttpStatusCode.Forbidden);

        var exceptions = await SendAsync("refused", c.ExistingPath, token, c.GrantedPurpose, c.Officer, HttpStatusCode.Forbidden);

        Assert.Empty(exceptions);
    }

    [Fact]
    public async Task Lookup_RefusedByTheClientsDailyQuota_ThrowsNoException()
    {
        // Land: one call a day for the portal (Fixture); the first uses it, the next is 429.
        var c = await SourceCase.ForAsync("land", gateway.Sandbox);
        var token = await gateway.TokenAsync(GatewayFixture.Portal, c.Scope);
        await SendAsync("quota-used", c.ExistingPath, token, c.GrantedPurpose, c.Officer, HttpStatusCode.OK);

        var exceptions = await SendAsync("quota-refused", c.ExistingPath, token, c.GrantedPurpose, c.Officer, HttpStatusCode.TooManyRequests);

        Assert.Empty(exceptions);
    }

    [Fact]
    public async Task Lookup_InvalidKey_ThrowsNoException()
    {
        var c = await SourceCase.ForAsync("business", gateway.Sandbox);
        var token = await gateway.TokenAsync(GatewayFixture.Portal, c.Scope);
        await SendAsync("warm-up", c.InvalidPath, token, c.GrantedPurpose, c.Officer, HttpStatusCode.BadRequest);

        var exceptions = await SendAsync("invalid", c.InvalidPath, token, c.GrantedPurpose, c.Officer, HttpStatusCode.BadRequest);

        Assert.Empty(exceptions);
    }

    [Theory]
    [InlineData("ratelimit")]
    [InlineData("error")]
    public async Task Lookup_UpstreamOverloaded_ThrowsNoMoreThanRefitAndTheAdapterDo(string mode)
    {
        var c = await SourceCase.ForAsync("insurance", gateway.Sandbox);
        var token = await gateway.TokenAsync(GatewayFixture.Portal, c.Scope);
        await SendAsync("warm-up", c.ExistingPath, token, c.GrantedPurpose, c.Officer, HttpStatusCode.OK);
        await gateway.Sandbox.SetFaultAsync(c.Source, mode == "error" ? new { mode, status = 503 } : new { mode, retryAfterSeconds = 30 } as object);
        try
        {
            var exceptions = await SendAsync(mode, c.ExistingPath, token, c.GrantedPurpose, c.Officer, HttpStatusCode.ServiceUnavailable);

            // Polly reads the 429/503 as a result (no exception, retries included); what is left is Refit's ApiException
            // and the adapter's typed fault, each seen once per async frame it crosses (bench/README.md).
            Assert.True(exceptions.Count <= Fixture.UpstreamFaultBound, string.Join("\n", exceptions));
            Assert.DoesNotContain(exceptions, e => e.StartsWith("TimeoutRejectedException", StringComparison.Ordinal) || e.StartsWith("BrokenCircuit", StringComparison.Ordinal));
        }
        finally
        {
            await gateway.Sandbox.ResetFaultAsync(c.Source);
        }
    }

    private async Task<IReadOnlyList<string>> SendAsync(string label, string path, string token, string purpose, string? officer, HttpStatusCode expected)
    {
        var requestLabel = label + "-" + Guid.NewGuid().ToString("N");
        using var api = gateway.Api();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Lgsp-Purpose", purpose);
        request.Headers.Add(ExceptionCounter.Header, requestLabel);
        if (officer is not null)
        {
            request.Headers.Add("X-Lgsp-Officer-Id", officer);
        }

        using var response = await api.SendAsync(request);
        Assert.True(expected == response.StatusCode, $"{label}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var exceptions = gateway.Counter.Of(requestLabel);
        output.WriteLine($"{label}: {exceptions.Count} exception(s)\n  {string.Join("\n  ", exceptions)}");
        return exceptions;
    }

    /// <summary>The gateway's fixture with one land call a day for the portal and the counter installed in the hub.</summary>
    public sealed class Fixture : GatewayFixture
    {
        /// <summary>Refit's ApiException and the adapter's LgspException, each through four async frames.</summary>
        public const int UpstreamFaultBound = 8;

        public ExceptionCounter Counter { get; } = new();

        protected override IDictionary<string, string?> AdapterSettings(SandboxFixture sandbox)
        {
            var settings = base.AdapterSettings(sandbox);
            settings["Gateway:AccessRights:provincial-portal:Services:land:DailyQuota"] = "1";
            return settings;
        }

        protected override void ConfigureServices(IServiceCollection services)
        {
            base.ConfigureServices(services);
            services.AddSingleton<IStartupFilter>(Counter);
        }
    }
}

/// <summary>
/// First-chance exceptions by request: the hub's first middleware names the request (from a test header) in an
/// <see cref="AsyncLocal{T}"/>, which flows with everything the request awaits; the process-wide
/// <see cref="AppDomain.FirstChanceException"/> handler files each exception under the name in force where it is raised.
/// </summary>
public sealed class ExceptionCounter : IStartupFilter
{
    public const string Header = "X-Test-Exception-Label";

    private static readonly AsyncLocal<string?> Current = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byRequest = new(StringComparer.Ordinal);

    public ExceptionCounter()
    {
        AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;
    }

    public IReadOnlyList<string> Of(string label) => _byRequest.TryGetValue(label, out var list) ? [.. list] : [];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (HttpContext http, RequestDelegate nextMiddleware) =>
        {
            var label = http.Request.Headers[Header].ToString();
            Current.Value = label.Length == 0 ? null : label;
            try
            {
                await nextMiddleware(http);
            }
            finally
            {
                Current.Value = null;
            }
        });
        next(app);
    };

    private void OnFirstChance(object? sender, FirstChanceExceptionEventArgs e)
    {
        if (Current.Value is { } label)
        {
            var where = e.Exception.TargetSite is { } site ? $"{site.DeclaringType?.FullName}.{site.Name}" : "?";
            _byRequest.GetOrAdd(label, _ => new()).Enqueue($"{e.Exception.GetType().Name} at {where}: {e.Exception.Message}");
        }
    }
}
