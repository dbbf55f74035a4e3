using Lgsp.Adapters.Sdk.Resilience;
using Lgsp.Adapters.Sdk.Tests.Grpc;
using Lgsp.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace Lgsp.Adapters.Sdk.Tests.Infrastructure;

/// <summary>The test upstream as an adapter would call it over HTTP (Refit).</summary>
public interface IEchoApi
{
    [Get("/echo")]
    Task<EchoDto> ReadAsync(CancellationToken cancellationToken);

    [Post("/echo")]
    Task<EchoDto> WriteAsync([Body] EchoDto body, CancellationToken cancellationToken);

    /// <summary>A POST that only reads (as SOAP lookups do), marked safe to repeat.</summary>
    [Post("/echo")]
    Task<EchoDto> LookupAsync([Body] EchoDto body, CancellationToken cancellationToken, [Property(UpstreamRequest.IdempotentKey)] bool idempotent = true);
}

/// <summary>Clients built through the SDK's real registration, with short timings so the tests stay quick.</summary>
public sealed class Clients : IDisposable
{
    public const string Source = "echo";

    private Clients(ServiceProvider services, IConfigurationRoot configuration)
    {
        Services = services;
        Configuration = configuration;
    }

    public ServiceProvider Services { get; }

    public IConfigurationRoot Configuration { get; }

    public IEchoApi Http => Services.GetRequiredService<IEchoApi>();

    public Echo.EchoClient Grpc => Services.GetRequiredService<Echo.EchoClient>();

    public static Dictionary<string, string?> Defaults(string baseUrl) => new()
    {
        ["Adapters:echo:BaseUrl"] = baseUrl,
        ["Adapters:echo:AttemptTimeout"] = "00:00:02",
        ["Adapters:echo:TotalTimeout"] = "00:00:10",
        ["Adapters:echo:Retry:MaxRetryAttempts"] = "2",
        ["Adapters:echo:Retry:BaseDelay"] = "00:00:00.010",
        ["Adapters:echo:Retry:MaxRetryAfter"] = "00:00:03",
        // Out of the way unless a test is about the breaker.
        ["Adapters:echo:CircuitBreaker:MinimumThroughput"] = "1000",
    };

    /// <param name="time">The time the pipeline runs on (e.g. <see cref="RecordingTime"/>); the system's by default.</param>
    public static Clients Create(string baseUrl, IDictionary<string, string?>? overrides = null, TimeProvider? time = null)
    {
        var settings = Defaults(baseUrl);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        if (time is not null)
        {
            services.AddSingleton(time);
        }
        services.AddUpstreamRefitClient<IEchoApi>(Source, configuration, EchoJson.Default);
        services.AddUpstreamGrpcClient<Echo.EchoClient>(Source, configuration, method => method.Name == "Read");
        return new Clients(services.BuildServiceProvider(), configuration);
    }

    /// <summary>Changes settings as an operator would (configuration reload), for the reload tests.</summary>
    public void Set(string key, string? value)
    {
        Configuration[key] = value;
        Configuration.Reload();
    }

    public void Dispose() => Services.Dispose();
}

[JsonSerializable(typeof(EchoDto))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class EchoJson : JsonSerializerContext;
