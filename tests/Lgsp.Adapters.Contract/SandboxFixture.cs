using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Lgsp.Adapters.Contract;

/// <summary>
/// The real sandbox (its Program) on Kestrel on loopback, as the hub meets it: an HTTP/1.1 port for REST and SOAP
/// stand-ins and the control API, and an h2c (HTTP/2 without TLS) port for gRPC stand-ins. Small world, no natural
/// latency, so timings in the contract are the faults' own. One per test class (xunit class fixture); derive one
/// and override <see cref="Settings"/> to change a stand-in's settings (e.g. short-lived tokens).
/// </summary>
public class SandboxFixture : IAsyncLifetime
{
    private Host _host = null!;

    /// <summary>Base URL of the HTTP/1.1 port (REST, SOAP, <c>/_sandbox</c>).</summary>
    public Uri HttpBaseUrl { get; private set; } = null!;

    /// <summary>Base URL of the h2c port (gRPC stand-ins).</summary>
    public Uri GrpcBaseUrl { get; private set; } = null!;

    /// <summary>A client of the control API (<c>/_sandbox/...</c>) and of the stand-ins, on <see cref="HttpBaseUrl"/>.</summary>
    public HttpClient Control { get; private set; } = null!;

    /// <summary>The sandbox's services (its world, its stand-ins), for tests that compare an adapter's answer with the source's record.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The sandbox's configuration; add to it in a derived fixture.</summary>
    protected virtual IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Sandbox:Seed"] = "42",
        ["Sandbox:Citizens"] = "800",
        ["Sandbox:Enterprises"] = "60",
        ["Sandbox:Parcels"] = "200",
        ["Sandbox:NaturalLatency"] = "false",
        // The population stand-in's signing certificate in memory, not kept in the source tree.
        ["Sandbox:Population:SigningCertificatePath"] = "",
    };

    /// <summary>The sandbox's clock (e.g. a <c>FakeTimeProvider</c> a test advances); the system's when null.</summary>
    protected virtual TimeProvider? Time => null;

    public Task InitializeAsync()
    {
        _host = new Host(Settings(), Time);
        var http = FreePort.Next();
        var grpc = FreePort.Next();
        _host.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, http, o => o.Protocols = HttpProtocols.Http1);
            k.Listen(IPAddress.Loopback, grpc, o => o.Protocols = HttpProtocols.Http2);
        });
        _host.StartServer();
        HttpBaseUrl = new Uri($"http://127.0.0.1:{http}/");
        GrpcBaseUrl = new Uri($"http://127.0.0.1:{grpc}/");
        // Test infrastructure outside any host: a plain client to the sandbox's port.
        Control = new HttpClient(new SocketsHttpHandler(), disposeHandler: true) { BaseAddress = HttpBaseUrl };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Control.Dispose();
        await _host.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary><c>/_sandbox/demo</c>: records that exist, to look up (enterprise codes, citizens, parcels, …).</summary>
    public async Task<JsonElement> DemoAsync() => await Control.GetFromJsonAsync<JsonElement>("/_sandbox/demo");

    /// <summary>Switches a fault on for a stand-in (see the sandbox README for the settings).</summary>
    public async Task SetFaultAsync(string source, object settings)
    {
        using var response = await Control.PutAsJsonAsync($"/_sandbox/faults/{source}", settings);
        response.EnsureSuccessStatusCode();
    }

    public async Task ResetFaultAsync(string source)
    {
        using var response = await Control.DeleteAsync(new Uri($"/_sandbox/faults/{source}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>How many calls the switch has hit since it was set: the upstream calls that reached the faulted paths.</summary>
    public async Task<int> FaultsAppliedAsync(string source)
    {
        var status = await Control.GetFromJsonAsync<JsonElement>($"/_sandbox/faults/{source}");
        return status.GetProperty("faultsApplied").GetInt32();
    }

    /// <summary>Requests that reached the address a <c>redirect</c> fault pointed at since the switch was set: a client followed it.</summary>
    public async Task<int> RedirectsFollowedAsync(string source)
    {
        var status = await Control.GetFromJsonAsync<JsonElement>($"/_sandbox/faults/{source}");
        return status.GetProperty("redirectsFollowed").GetInt32();
    }

    /// <summary>
    /// Waits until <paramref name="count"/> calls to the stand-in since the switch was set were abandoned by the client (its
    /// timeout or its caller's cancellation cut them): the stand-in notices a hang-up on its own time.
    /// </summary>
    public async Task WaitForAbandonedAsync(string source, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await Control.GetFromJsonAsync<JsonElement>($"/_sandbox/faults/{source}", deadline.Token)).GetProperty("abandoned").GetInt32() < count)
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>Calls the stand-in has seen per path since the switch was last set or reset.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CallsAsync(string source)
    {
        var status = await Control.GetFromJsonAsync<JsonElement>($"/_sandbox/faults/{source}");
        return status.GetProperty("calls").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
    }

    private sealed class Host(IDictionary<string, string?> settings, TimeProvider? time) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            if (time is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton(time));
            }
        }
    }
}
