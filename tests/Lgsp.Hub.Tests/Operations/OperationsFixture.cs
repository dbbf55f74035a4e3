using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Hub.Tests.Gateway;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Operations;

/// <summary>
/// The gateway's hub and sandbox plus a second sandbox instance (the "new server" an upstream moves to), and helpers to
/// drive <c>/admin/v1</c> as the CLI does (client credentials of <c>lgsp-cli</c>, scope <c>lgsp.admin</c>).
/// </summary>
public sealed class OperationsFixture : GatewayFixture, IAsyncLifetime
{
    public const string Cli = "lgsp-cli";

    /// <summary>An allowed name (<c>*.gov.vn</c>) that the hub's resolver leads to a private address (10.1.2.3).</summary>
    public const string PrivateName = "csdl.noi-bo.gov.vn";

    /// <summary>An allowed name that the hub's resolver leads to loopback (127.0.0.1), a range the test hub allows.</summary>
    public const string LoopbackName = "csdl.loopback.gov.vn";

    public SandboxFixture Second { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<Lgsp.Hub.Operations.IUpstreamHostResolver>(new MappedResolver());
    }

    public new async Task InitializeAsync()
    {
        await Second.InitializeAsync();
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Second.DisposeAsync();
    }

    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object? body = null, string? ifMatch = null, string? token = null)
    {
        using var api = Api();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? await TokenAsync(Cli, "lgsp.admin"));
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return await api.SendAsync(request);
    }

    /// <summary>The adapter as the API shows it, with its ETag.</summary>
    public async Task<(JsonElement Adapter, string ETag)> AdapterAsync(string source)
    {
        using var response = await AdminAsync(HttpMethod.Get, "/admin/v1/adapters/" + source);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.ToString());
    }

    /// <summary>Changes an adapter on top of its current version and insists it was accepted.</summary>
    public async Task<JsonElement> ChangeAsync(string source, object changes, string reason)
    {
        var (_, etag) = await AdapterAsync(source);
        using var response = await AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/" + source, new { reason, changes }, etag);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Calls the sandbox's stand-in for <paramref name="source"/> has served (every path).</summary>
    public static async Task<int> CallsAsync(SandboxFixture sandbox, string source)
    {
        var status = await sandbox.Control.GetFromJsonAsync<JsonElement>($"/_sandbox/faults/{source}");
        return status.GetProperty("calls").EnumerateObject().Sum(p => p.Value.GetInt32());
    }

    /// <summary>Two names the tests own; any other goes to the system's resolver.</summary>
    private sealed class MappedResolver : Lgsp.Hub.Operations.IUpstreamHostResolver
    {
        private readonly Lgsp.Hub.Operations.DnsUpstreamHostResolver _system = new();

        public IReadOnlyList<System.Net.IPAddress> Resolve(string host) => host switch
        {
            PrivateName => [System.Net.IPAddress.Parse("10.1.2.3")],
            LoopbackName => [System.Net.IPAddress.Loopback],
            _ => _system.Resolve(host),
        };
    }
}
