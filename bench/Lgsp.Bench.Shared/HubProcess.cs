using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Lgsp.Testing;

namespace Lgsp.Bench.Shared;

/// <summary>
/// The hub built in Release (<c>src/Lgsp.Hub/bin/Release</c>) started as a child process: a development hub
/// (development client secrets, derived into a throw-away folder), logs at Warning like production.
/// </summary>
public static class HubProcess
{
    public static string Dll => RepoPaths.Combine("src", "Lgsp.Hub", "bin", "Release", "net10.0", "Lgsp.Hub.dll");

    /// <summary>Starts the hub on <paramref name="url"/> with <paramref name="settings"/> (command-line configuration).</summary>
    public static ChildProcess Start(Uri url, IEnumerable<string> settings) =>
        ChildProcess.Start("hub", "dotnet", [Dll, "--urls", url.ToString().TrimEnd('/'), .. settings], RepoPaths.Combine("src", "Lgsp.Hub"), Environment());

    /// <summary>
    /// What every benchmark hub needs: its store, its identity and message-log keys in <paramref name="directory"/>,
    /// logs at Warning, and a packet-signing certificate of the given type: RSA-2048 (the size agency certificates
    /// mostly have) or EC P-256 (ES256 / ecdsa-sha256, the default for new installs; bench/README.md).
    /// </summary>
    public static List<string> Settings(string directory, string store, string connection, BenchPacketKey key = BenchPacketKey.Rsa2048)
    {
        var certificate = Path.Combine(directory, key == BenchPacketKey.EcP256 ? "signing-ecp256.pfx" : "signing-rsa2048.pfx");
        if (!File.Exists(certificate))
        {
            var now = TimeProvider.System.GetUtcNow();
            using AsymmetricAlgorithm keyPair = key == BenchPacketKey.EcP256 ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
            var request = keyPair is ECDsa ec
                ? new CertificateRequest("CN=LGSP hub (benchmark)", ec, HashAlgorithmName.SHA256)
                : new CertificateRequest("CN=LGSP hub (benchmark)", (RSA)keyPair, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
            using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
            File.WriteAllBytes(certificate, created.Export(X509ContentType.Pfx));
        }

        return
        [
            "--Storage:Provider", store == "postgres" ? "Postgres" : "Sqlite",
            "--Storage:ConnectionString", connection,
            "--Signing:CertificatePath", certificate,
            "--Identity:DevelopmentDirectory", Path.Combine(directory, "identity"),
            "--Identity:AllowInsecureHttp", "true",
            "--Gateway:MessageLog:DevelopmentKeyPath", Path.Combine(directory, "message-log-key"),
            "--Logging:LogLevel:Default", "Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning",
            "--Logging:Console:FormatterName", "simple",
        ];
    }

    /// <summary>Development environment, the sandbox's fake upstream credentials as run.sh gives them, no secret from the caller's shell.</summary>
    public static Dictionary<string, string?> Environment() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["LGSP_BUSINESS_CREDENTIALS"] = "{\"consumerKey\":\"sandbox-business-consumer-key\",\"consumerSecret\":\"sandbox-business-consumer-secret-NOT-A-SECRET\"}",
        ["LGSP_INSURANCE_CREDENTIALS"] = "{\"appName\":\"lgsp-sandbox\",\"accessKey\":\"sandbox-bhxh-access-key\",\"secretKey\":\"sandbox-bhxh-secret-key-NOT-A-SECRET\",\"partnerCode\":\"LGSPSANDBOX\"}",
        ["LGSP_DVCQG_CREDENTIALS"] = "{\"clientId\":\"sandbox-dvcqg-client\",\"clientSecret\":\"sandbox-dvcqg-secret-NOT-A-SECRET\"}",
        ["LGSP_PROVINCIAL_CREDENTIALS"] = "{\"username\":\"lgsp-dongbo\",\"password\":\"sandbox-motcua-password-NOT-A-SECRET\"}",
        // Development secrets are derived by the hub; never one from the caller's shell.
        ["LGSP_PROVINCIAL_PORTAL_SECRET"] = null,
        ["LGSP_NATIONAL_PORTAL_SECRET"] = null,
        ["LGSP_CLI_SECRET"] = null,
        ["LGSP_MESSAGE_LOG_KEY"] = null,
    };

    /// <summary>A client-credentials access token for <c>provincial-portal</c> (its development secret, from the hub's development.env).</summary>
    public static async Task<string> TokenAsync(HttpClient http, Uri hubUrl, string directory, string scope)
    {
        ArgumentNullException.ThrowIfNull(http);
        var secret = File.ReadAllLines(Path.Combine(directory, "identity", "development.env"))
            .Select(l => l.Split('=', 2)).Single(p => p[0] == "LGSP_PROVINCIAL_PORTAL_SECRET")[1];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hubUrl, "/connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"provincial-portal:{Uri.EscapeDataString(secret)}")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }
}

/// <summary>The benchmark hub's packet key: JWS RS256 / rsa-sha256 or ES256 / ecdsa-sha256.</summary>
public enum BenchPacketKey
{
    Rsa2048,
    EcP256,
}
