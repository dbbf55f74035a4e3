using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Lgsp.Adapters.Contract;
using Lgsp.Hub.Storage;
using Lgsp.Hub.Tests.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lgsp.Hub.Tests.Gateway;

/// <summary>
/// The hub on Kestrel (HTTPS, loopback, SQLite) in front of the real sandbox stand-ins (<see cref="SandboxFixture"/>),
/// with the repository's config plus three test clients, every log line captured, and helpers to call the gateway
/// the way a portal does: a client-credentials token, the purpose and officer headers, plain HTTP.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    /// <summary>Has every lookup scope; may call business for 1.000894 only, with a narrowed field set, and nothing else.</summary>
    public const string RecordsOffice = "records-office";

    /// <summary>Has the business scope but no access right at all.</summary>
    public const string AuditOffice = "audit-office";

    public const string Portal = "provincial-portal";

    public const string Officer = "canbo.h56.0042";

    private readonly ConcurrentDictionary<(string, string), string> _tokens = new();
    private readonly Dictionary<string, string> _testSecrets = new(StringComparer.Ordinal);
    private IdentityHub? _hub;

    public GatewayFixture()
        : this(new SandboxFixture())
    {
    }

    /// <summary>A gateway over a sandbox configured otherwise (e.g. with its national identity provider registered for the hub).</summary>
    protected GatewayFixture(SandboxFixture sandbox)
    {
        Sandbox = sandbox;
    }

    public SandboxFixture Sandbox { get; }

    public LogCapture Logs { get; } = new();

    internal IdentityHub Hub => _hub ?? throw new InvalidOperationException("The hub has not started.");

    /// <summary>The adapters' settings: predictable timings, short retry delays; a breaker out of the way unless a derived fixture wants it.</summary>
    protected virtual IDictionary<string, string?> AdapterSettings(SandboxFixture sandbox)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Adapters:business:BaseUrl"] = sandbox.HttpBaseUrl.ToString(),
            ["Adapters:business:CredentialsSecret"] = "LGSP_TEST_GATEWAY_BUSINESS_CREDENTIALS",
            ["LGSP_TEST_GATEWAY_BUSINESS_CREDENTIALS"] = "{\"consumerKey\":\"sandbox-business-consumer-key\",\"consumerSecret\":\"sandbox-business-consumer-secret-NOT-A-SECRET\"}",
            ["Adapters:land:BaseUrl"] = sandbox.GrpcBaseUrl.ToString(),
            ["Adapters:insurance:BaseUrl"] = sandbox.HttpBaseUrl.ToString(),
            ["Adapters:insurance:CredentialsSecret"] = "LGSP_TEST_GATEWAY_INSURANCE_CREDENTIALS",
            ["Adapters:population:BaseUrl"] = sandbox.HttpBaseUrl.ToString(),
            ["Adapters:population:IntegrationCode"] = "LGSP-SANDBOX",
            ["Adapters:population:TrustedCertificatePath"] = PopulationTrustPath,
            ["Adapters:population:CredentialsSecret"] = "LGSP_TEST_GATEWAY_POPULATION_CREDENTIALS",
            ["LGSP_TEST_GATEWAY_POPULATION_CREDENTIALS"] = "{\"AccessKey\":\"sandbox-bhxh-access-key\",\"SecretKey\":\"sandbox-bhxh-secret-key-NOT-A-SECRET\",\"AppName\":\"lgsp-sandbox\",\"PartnerCode\":\"LGSPSANDBOX\"}",
            ["Adapters:civilregistry:BaseUrl"] = sandbox.HttpBaseUrl.ToString(),
            ["Adapters:civilregistry:CredentialsSecret"] = "LGSP_TEST_GATEWAY_CIVILREGISTRY_API_KEY",
            ["LGSP_TEST_GATEWAY_CIVILREGISTRY_API_KEY"] = "sandbox-civilregistry-api-key-NOT-A-SECRET",
            ["LGSP_TEST_GATEWAY_INSURANCE_CREDENTIALS"] = "{\"appName\":\"lgsp-sandbox\",\"accessKey\":\"sandbox-bhxh-access-key\",\"secretKey\":\"sandbox-bhxh-secret-key-NOT-A-SECRET\",\"partnerCode\":\"LGSPSANDBOX\"}",
        };
        foreach (var source in Sources)
        {
            // Long enough that a loaded machine does not time a healthy call out (a test about timeouts uses a slower fault).
            settings[$"Adapters:{source}:AttemptTimeout"] = "00:00:03";
            settings[$"Adapters:{source}:TotalTimeout"] = "00:00:07";
            settings[$"Adapters:{source}:Retry:MaxRetryAttempts"] = "1";
            settings[$"Adapters:{source}:Retry:BaseDelay"] = "00:00:00.020";
            settings[$"Adapters:{source}:Retry:MaxDelay"] = "00:00:00.050";
            settings[$"Adapters:{source}:Retry:MaxRetryAfter"] = "00:00:00.200";
            settings[$"Adapters:{source}:CircuitBreaker:MinimumThroughput"] = "100000";
        }

        return settings;
    }

    /// <summary>The sources whose adapters the hub has.</summary>
    public static IReadOnlyList<string> Sources { get; } = ["business", "land", "insurance", "population", "civilregistry"];

    /// <summary>The population stand-in's certificate, fetched from the sandbox: the one the adapter trusts.</summary>
    protected string PopulationTrustPath { get; } = Path.Combine(Path.GetTempPath(), "lgsp-gateway-population-" + Guid.NewGuid().ToString("N")[..12] + ".pem");

    /// <summary>Services a derived fixture replaces (e.g. a source the sandbox does not serve yet).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        await Sandbox.InitializeAsync();
        await File.WriteAllTextAsync(PopulationTrustPath, await Sandbox.Control.GetStringAsync(new Uri("/_sandbox/population/certificate", UriKind.Relative)));
        var settings = AdapterSettings(Sandbox);
        AddClient(settings, RecordsOffice, ["lgsp.business.read", "lgsp.land.read", "lgsp.population.read", "lgsp.insurance.read", "lgsp.civilregistry.read"]);
        AddClient(settings, AuditOffice, ["lgsp.business.read"]);
        settings[$"Gateway:AccessRights:{RecordsOffice}:AgencyCode"] = "000.00.14.H56";
        settings[$"Gateway:AccessRights:{RecordsOffice}:Services:business:Purposes:0"] = "1.000894";
        settings[$"Gateway:AccessRights:{RecordsOffice}:Services:business:Fields:0"] = "name";
        settings[$"Gateway:AccessRights:{RecordsOffice}:Services:business:Fields:1"] = "statusName";
        settings[$"Gateway:AccessRights:{RecordsOffice}:Services:business:Fields:2"] = "representatives.fullName";
        _hub = IdentityHub.StartOnSqlite(settings, services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            ConfigureServices(services);
        });
    }

    public async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        await Sandbox.DisposeAsync();
        File.Delete(PopulationTrustPath);
        GC.SuppressFinalize(this);
    }

    public HttpClient Api() => Hub.Api();

    /// <summary>A client-credentials access token, fetched once per client and scope.</summary>
    public async Task<string> TokenAsync(string clientId, string scope)
    {
        if (_tokens.TryGetValue((clientId, scope), out var cached))
        {
            return cached;
        }

        using var api = Api();
        var secret = SecretOf(clientId);
        var result = await Oidc.ClientCredentialsAsync(api, clientId, secret, scope);
        Assert.True(result.Status == System.Net.HttpStatusCode.OK, $"token for {clientId}: {result.Status} {result.Error}");
        return _tokens[(clientId, scope)] = result.AccessToken;
    }

    /// <summary>The secret of a test client or of a client of the config folder.</summary>
    public string SecretOf(string clientId) => _testSecrets.TryGetValue(clientId, out var secret) ? secret : Hub.Secret(clientId);

    /// <summary>Sends a gateway request as a portal does.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? purpose = "1.001193", string? officer = null,
        string? accept = null, string? requestId = null, string? jsonBody = null)
    {
        using var api = Api();
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (purpose is not null)
        {
            request.Headers.Add("X-Lgsp-Purpose", purpose);
        }

        if (officer is not null)
        {
            request.Headers.Add("X-Lgsp-Officer-Id", officer);
        }

        if (requestId is not null)
        {
            request.Headers.Add("X-Lgsp-Request-Id", requestId);
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        return await api.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token, string? purpose = "1.001193", string? officer = null, string? accept = null, string? requestId = null) =>
        SendAsync(HttpMethod.Get, path, token, purpose, officer, accept, requestId);

    /// <summary>Runs <paramref name="work"/> on a fresh context of the hub's database.</summary>
    internal async Task<T> DbAsync<T>(Func<HubDbContext, Task<T>> work)
    {
        await using var scope = Hub.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await work(db);
    }

    /// <summary>The message-log key the hub was configured with (the environment variable its settings name).</summary>
    internal byte[] MessageLogKey()
    {
        var variable = Hub.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Lgsp.Hub.Gateway.GatewayOptions>>().Value.MessageLog.KeySecret;
        return Convert.FromBase64String(Environment.GetEnvironmentVariable(variable)
            ?? throw new InvalidOperationException($"The test hub's message-log key variable {variable} is not set."));
    }

    /// <summary>The message-log record of an exchange.</summary>
    internal Task<Lgsp.Hub.Gateway.MessageLog.MessageLogRecord> RecordAsync(string exchangeId) =>
        DbAsync(db => db.MessageLogRecords.AsNoTracking().SingleAsync(r => r.ExchangeId == Guid.Parse(exchangeId)));

    private void AddClient(IDictionary<string, string?> settings, string clientId, string[] scopes)
    {
        var variable = "LGSP_TEST_SECRET_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(33));
        Environment.SetEnvironmentVariable(variable, secret);
        _testSecrets[clientId] = secret;
        var at = $"Identity:Clients:{clientId}";
        settings[$"{at}:DisplayName"] = clientId + " (test)";
        settings[$"{at}:Type"] = "Confidential";
        settings[$"{at}:SecretEnvironmentVariable"] = variable;
        settings[$"{at}:GrantTypes:0"] = "client_credentials";
        for (var i = 0; i < scopes.Length; i++)
        {
            settings[$"{at}:Scopes:{i}"] = scopes[i];
        }
    }
}

/// <summary>Every log line the hub writes (message, state values and exception), for asserting what never appears.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            lines.Enqueue($"{logLevel} {category} {formatter(state, exception)} {values} {exception}");
        }
    }
}
