using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lgsp.Sandbox.Business;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Sandbox.Tests;

/// <summary>
/// The sandbox in-process with a small world and no natural latency, on a clock the test moves. Helpers speak
/// to the stand-ins and the fault switches as the hub and the contract tests do.
/// </summary>
public sealed class SandboxHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public SandboxHost(IDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Sandbox:Seed"] = "42",
            ["Sandbox:Citizens"] = "800",
            ["Sandbox:Enterprises"] = "60",
            ["Sandbox:Parcels"] = "200",
            ["Sandbox:NaturalLatency"] = "false",
            // The population stand-in's signing certificate in memory, not kept in the source tree.
            ["Sandbox:Population:SigningCertificatePath"] = "",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero));

    /// <summary>Extra services, e.g. a test stand-in.</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    public async Task<string> TokenAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{BusinessStandInOptions.DevelopmentConsumerKey}:{BusinessStandInOptions.DevelopmentConsumerSecret}")));
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public static async Task<HttpResponseMessage> LookupAsync(HttpClient client, string token, string msdn)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn={msdn}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    /// <summary>A well-formed enterprise code (check digit right) that the world does not hold.</summary>
    public string UnknownEnterpriseCode()
    {
        var world = Services.GetRequiredService<Lgsp.Sandbox.Data.SyntheticWorld>();
        for (var n = 10_000_000; ; n++)
        {
            var first = n.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            if (Lgsp.Core.Codes.EnterpriseCode.ComputeCheckDigit(first) is { } check && Lgsp.Core.Codes.EnterpriseCode.TryParse(first + check, out _) && world.FindEnterprise(first + check) is null)
            {
                return first + check;
            }
        }
    }

    public static async Task SetFaultAsync(HttpClient client, string source, object settings)
    {
        using var response = await client.PutAsJsonAsync($"/_sandbox/faults/{source}", settings);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            ExtraServices?.Invoke(services);
        });
    }
}
