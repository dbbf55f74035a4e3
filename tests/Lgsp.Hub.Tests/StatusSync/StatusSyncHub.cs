using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.Storage;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Lgsp.Hub.Tests.StatusSync;

/// <summary>
/// The hub on SQLite or PostgreSQL with recording destinations for both sides and a fast relay (short poll, lease
/// and backoff), or with the relay switched off so a test can look at the outbox before anything leaves. Its clients
/// call as the real systems do: with access tokens obtained from the hub by client credentials
/// (<see cref="Client"/> as the provincial one-stop system, <see cref="National"/> as the national portal).
/// </summary>
internal sealed class StatusSyncHub : IAsyncDisposable
{
    public const string ProvincialClient = "provincial-portal";
    public const string NationalClient = "national-portal";

    /// <summary>HTTPS as far as the hub can tell: its token endpoint refuses plain HTTP.</summary>
    public static readonly Uri BaseAddress = new("https://localhost/");

    private readonly bool _ownsFactory;

    private StatusSyncHub(HubFactory factory, WebApplicationFactory<Program> host, RecordingDestination dvcqg, RecordingDestination provincial, RelayWatch relay, bool ownsFactory)
    {
        _ownsFactory = ownsFactory;
        Relay = relay;
        Factory = factory;
        Host = host;
        Dvcqg = dvcqg;
        Provincial = provincial;
        Client = AuthorizedClient(ProvincialClient);
        National = AuthorizedClient(NationalClient);
        Anonymous = host.CreateDefaultClient(BaseAddress);
    }

    public HubFactory Factory { get; }

    public WebApplicationFactory<Program> Host { get; }

    public RecordingDestination Dvcqg { get; }

    public RecordingDestination Provincial { get; }

    /// <summary>This instance's relay rounds and publishes.</summary>
    public RelayWatch Relay { get; }

    /// <summary>Calls as the provincial one-stop system (<c>provincial-portal</c>, scope <c>lgsp.dossier.sync</c>).</summary>
    public HttpClient Client { get; }

    /// <summary>Calls as the national portal (<c>national-portal</c>, scope <c>lgsp.dossier.sync</c>).</summary>
    public HttpClient National { get; }

    /// <summary>Calls without a token.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>A client that calls as <paramref name="clientId"/> with a token for <paramref name="scope"/> (fetched on first use).</summary>
    public HttpClient AuthorizedClient(string clientId, string scope = "lgsp.dossier.sync") =>
        Host.CreateDefaultClient(BaseAddress, new BearerTokenHandler(() => TokenAsync(clientId, scope)));

    /// <summary>A client-credentials access token from the hub's own token endpoint.</summary>
    public async Task<string> TokenAsync(string clientId, string scope)
    {
        using var http = Host.CreateDefaultClient(BaseAddress);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = Factory.ClientSecret(clientId),
            ["scope"] = scope,
        });
        using var response = await http.PostAsync(new Uri("/connect/token", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token for {clientId}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public static Dictionary<string, string?> FastRelay(bool relay = true) => new()
    {
        ["StatusSync:RelayEnabled"] = relay ? "true" : "false",
        ["StatusSync:PollInterval"] = "00:00:00.050",
        // Short enough for quick tests, long enough that a busy test machine does not time deliveries out.
        ["StatusSync:LeaseDuration"] = "00:00:15",
        ["StatusSync:DeliveryTimeout"] = "00:00:05",
        ["StatusSync:RetryBaseDelay"] = "00:00:00.050",
        ["StatusSync:RetryMaxDelay"] = "00:00:00.400",
        ["StatusSync:RetryJitter"] = "0",
        ["StatusSync:MaxAttempts"] = "4",
    };

    public static Task<StatusSyncHub> OnSqliteAsync(bool relay = true, IDictionary<string, string?>? extra = null) =>
        Task.FromResult(Start(HubFactory.OnSqlite(Merge(FastRelay(relay), extra))));

    public static async Task<StatusSyncHub> OnPostgresAsync(PostgresServer server, bool relay = true, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null) =>
        Start(await HubFactory.OnPostgresAsync(server, Merge(FastRelay(relay), extra)), null, null, null, ownsFactory: true, services: services);

    /// <summary>
    /// Another hub instance on the same database and settings (a second instance, or the same one after a restart),
    /// with the given destinations or fresh ones. Disposing it leaves the database alone.
    /// </summary>
    public StatusSyncHub Sibling(IDictionary<string, string?>? extra = null, RecordingDestination? dvcqg = null, RecordingDestination? provincial = null, Action<IServiceCollection>? services = null) =>
        Start(Factory, extra, dvcqg, provincial, ownsFactory: false, services: services);

    /// <summary>The hub with no destination registered at all (the portal adapters' destinations taken out).</summary>
    public static StatusSyncHub WithoutDestinations() =>
        Start(HubFactory.OnSqlite(FastRelay()), null, null, null, ownsFactory: true, TestDestinations.None);

    /// <summary>
    /// The hub with the destinations its own composition registers: the national-portal and provincial one-stop
    /// adapters, configured by <paramref name="settings"/> (<c>Adapters:dvcqg</c>, <c>Adapters:provincial</c>). The
    /// recording destinations (<see cref="Dvcqg"/>, <see cref="Provincial"/>) then receive nothing.
    /// </summary>
    public static StatusSyncHub WithPortalAdapters(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null) =>
        Start(HubFactory.OnSqlite(Merge(FastRelay(), settings)), null, null, null, ownsFactory: true, TestDestinations.Adapters, services);

    /// <summary>Another instance of a hub made by <see cref="WithPortalAdapters"/> on the same database (a restart), with its adapters.</summary>
    public StatusSyncHub SiblingWithPortalAdapters(Action<IServiceCollection>? services = null) =>
        Start(Factory, null, null, null, ownsFactory: false, TestDestinations.Adapters, services);

    private static StatusSyncHub Start(HubFactory factory, IDictionary<string, string?>? extra, RecordingDestination? dvcqg, RecordingDestination? provincial, bool ownsFactory,
        TestDestinations destinations = TestDestinations.Recording, Action<IServiceCollection>? services = null)
    {
        dvcqg ??= new RecordingDestination(SyncSides.Dvcqg);
        provincial ??= new RecordingDestination(SyncSides.Provincial);
        var relay = new RelayWatch();
        var host = factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            {
                b.UseSetting(key, value);
            }

            b.ConfigureTestServices(s =>
            {
                switch (destinations)
                {
                    case TestDestinations.Recording:
                        // Registered after the adapters' destinations of the same names: the last registration wins.
                        s.AddSingleton<IDossierDestination>(dvcqg);
                        s.AddSingleton<IDossierDestination>(provincial);
                        break;
                    case TestDestinations.None:
                        s.RemoveAll<IDossierDestination>();
                        break;
                }

                s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
                relay.Watch(s);
                services?.Invoke(s);
            });
        });
        return new StatusSyncHub(factory, host, dvcqg, provincial, relay, ownsFactory);
    }

    /// <summary>Posts as the side that sends to <paramref name="path"/> (the national portal for <c>/national/…</c>).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, JsonNode body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = StatusSyncSamples.Json(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await (path.StartsWith("/api/v1/national/", StringComparison.Ordinal) ? National : Client).SendAsync(request);
    }

    public Task<HttpResponseMessage> PostDossierAsync(JsonNode dossier, string? key = null) => PostAsync("/api/v1/dossiers", dossier, key);

    public Task<HttpResponseMessage> PostStepsAsync(string code, JsonNode steps, string? key = null) => PostAsync($"/api/v1/dossiers/{code}/steps", steps, key);

    public Task<HttpResponseMessage> PostBatchAsync(JsonNode batch, string? key = null) => PostAsync("/api/v1/dossiers:batch", batch, key);

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Row counts of every status-sync table: what "nothing was written" is checked against.</summary>
    public async Task<Counts> CountAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return new Counts(
            await db.Dossiers.CountAsync(),
            await db.DossierSteps.CountAsync(),
            await db.DossierEvents.CountAsync(),
            await db.DossierSyncStates.CountAsync(),
            await db.IdempotencyRecords.CountAsync());
    }

    public async Task<T> WithDbAsync<T>(Func<HubDbContext, Task<T>> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    /// <summary>Waits until <paramref name="condition"/> holds (the relay works in the background).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for: " + what);
            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        National.Dispose();
        Anonymous.Dispose();
        await Host.DisposeAsync();
        if (_ownsFactory)
        {
            await Factory.DisposeAsync();
        }
    }

    private static StatusSyncHub Start(HubFactory factory) => Start(factory, null, null, null, ownsFactory: true);

    private static Dictionary<string, string?> Merge(Dictionary<string, string?> settings, IDictionary<string, string?>? extra)
    {
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    private enum TestDestinations
    {
        /// <summary>The recording destinations replace the adapters'.</summary>
        Recording,

        /// <summary>None at all.</summary>
        None,

        /// <summary>The portal adapters', as the hub registers them.</summary>
        Adapters,
    }

    internal sealed record Counts(int Dossiers, int Steps, int Events, int SyncStates, int IdempotencyRecords);
}

/// <summary>Adds <c>Authorization: Bearer</c> with a token fetched once, on the first request.</summary>
internal sealed class BearerTokenHandler(Func<Task<string>> fetch) : DelegatingHandler
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_token is null)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                _token ??= await fetch();
            }
            finally
            {
                _gate.Release();
            }
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return await base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }
}
