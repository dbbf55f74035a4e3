using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Lgsp.Testing;

namespace Lgsp.Hub.Tests.StatusSync.EndToEnd;

/// <summary>
/// The built hub (<c>Lgsp.Hub.dll</c> with its own dependencies, as deployed) as a child process on Kestrel, so a test
/// can kill it (SIGKILL: leases and in-flight deliveries left as a crash leaves them) and start it again on the same
/// database, directory and port.
/// </summary>
internal sealed class HubProcess
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HubProcess(Process process) => _process = process;

    /// <summary>The last lines the hub wrote (for failure messages).</summary>
    public string Tail => string.Join(Environment.NewLine, _output.TakeLast(60));

    public static async Task<HubProcess> StartAsync(HubProcessSettings settings, HttpClient http)
    {
        var bin = AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Combine("src", "Lgsp.Hub"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["exec", Path.Combine(bin, "Lgsp.Hub.dll"), .. settings.Arguments])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var hub = new HubProcess(Process.Start(info)!);
        hub._process.OutputDataReceived += (_, e) => hub.Keep(e.Data);
        hub._process.ErrorDataReceived += (_, e) => hub.Keep(e.Data);
        hub._process.BeginOutputReadLine();
        hub._process.BeginErrorReadLine();
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(hub._process.HasExited, $"the hub exited:\n{hub.Tail}");
            try
            {
                using var response = await http.GetAsync(new Uri(settings.Url, "/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return hub;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        // Never leave a hub behind that did not become ready.
        await hub.KillAsync();
        throw new TimeoutException($"the hub did not become ready:\n{hub.Tail}");
    }

    /// <summary>SIGKILL: no shutdown, leases and in-flight deliveries left as a crash leaves them.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>The process id (to send it a signal).</summary>
    public int Id => _process.Id;

    /// <summary>SIGTERM, as an orchestrator stops an instance: the hub stops taking requests and finishes what it has.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan within)
    {
        await _process.WaitForExitAsync().WaitAsync(within);
        return _process.ExitCode;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
            while (_output.Count > 200 && _output.TryDequeue(out _))
            {
            }
        }
    }
}

/// <summary>
/// Everything a hub child process is started with: its own directory (signing certificate, identity store with the
/// development client secrets, message-log key), PostgreSQL, Kafka, and both portal adapters pointed at the sandbox's
/// stand-ins with the sandbox's development credentials (as <c>run.sh</c> gives them).
/// </summary>
internal sealed class HubProcessSettings : IDisposable
{
    private const string DvcqgCredentials = "{\"clientId\":\"sandbox-dvcqg-client\",\"clientSecret\":\"sandbox-dvcqg-secret-NOT-A-SECRET\"}";
    private const string ProvincialCredentials = "{\"username\":\"lgsp-dongbo\",\"password\":\"sandbox-motcua-password-NOT-A-SECRET\"}";

    public HubProcessSettings(string database, string bootstrap, string topic, Uri sandbox)
    {
        Directory = NewDirectory();
        Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var certificate = CreateSigningCertificate(Directory);

        List<string> arguments =
        [
            "--urls", Url.ToString().TrimEnd('/'),
            "--Storage:Provider", "Postgres",
            "--Storage:ConnectionString", database,
            "--Signing:CertificatePath", certificate,
            "--Identity:DevelopmentDirectory", Path.Combine(Directory, "identity"),
            "--Identity:AllowInsecureHttp", "true",
            "--Gateway:MessageLog:DevelopmentKeyPath", Path.Combine(Directory, "message-log-key"),
            "--Gateway:MessageLog:Checkpoints:FilePath", Path.Combine(Directory, "message-log-checkpoints.jsonl"),
            "--Kafka:BootstrapServers", bootstrap,
            "--Kafka:Topic", topic,
            "--Kafka:DeadLetterTopic", topic + ".dlq",
            "--Kafka:ConsumerGroup", "g-" + topic,
            "--Kafka:CommitInterval", "00:00:00.200",
            "--Kafka:Client:session.timeout.ms", "6000",
            "--Kafka:Client:heartbeat.interval.ms", "500",
            "--StatusSync:MaxConcurrency", "32",
            "--StatusSync:MaxAttempts", "1000",
            "--StatusSync:RetryBaseDelay", "00:00:00.200",
            "--StatusSync:RetryMaxDelay", "00:00:02",
            // Above the adapters' total timeout: a delivery is never abandoned while its call may still reach DVCQG.
            "--StatusSync:DeliveryTimeout", "00:00:05",
            "--StatusSync:LeaseDuration", "00:00:15",
            "--Adapters:Dvcqg:BaseUrl", new Uri(sandbox, "dvcqg/").ToString(),
            "--Adapters:Provincial:BaseUrl", new Uri(sandbox, "motcua/").ToString(),
            // Birth and death registrations pulled from the national side every second (real time: a child process).
            "--Adapters:Dvclt:BaseUrl", new Uri(sandbox, "dvclt/").ToString(),
            "--NationalDossierPull:Enabled", "true",
            "--NationalDossierPull:Interval", "00:00:01",
            "--NationalDossierPull:DefaultAgencyCode", "H56.99",
            "--Logging:LogLevel:Default", "Warning",
            "--Logging:Console:FormatterName", "simple",
        ];
        foreach (var source in new[] { "Dvcqg", "Provincial", "Dvclt" })
        {
            arguments.AddRange([
                $"--Adapters:{source}:AttemptTimeout", "00:00:02",
                $"--Adapters:{source}:TotalTimeout", "00:00:04",
                $"--Adapters:{source}:Retry:BaseDelay", "00:00:00.050",
                $"--Adapters:{source}:Retry:MaxDelay", "00:00:00.500",
                $"--Adapters:{source}:Retry:MaxRetryAfter", "00:00:01",
            ]);
        }

        Arguments = [.. arguments];
        Environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["LGSP_DVCQG_CREDENTIALS"] = DvcqgCredentials,
            ["LGSP_PROVINCIAL_CREDENTIALS"] = ProvincialCredentials,
            ["LGSP_DVCLT_CREDENTIALS"] = "{\"userName\":\"lgsp-lienthong\",\"password\":\"sandbox-dvclt-password-NOT-A-SECRET\"}",
            // The hub derives its clients' development secrets into its own directory; none come from this shell.
            ["LGSP_PROVINCIAL_PORTAL_SECRET"] = null,
            ["LGSP_NATIONAL_PORTAL_SECRET"] = null,
            ["LGSP_CLI_SECRET"] = null,
        };
    }

    /// <summary>
    /// A hub with only what it needs to serve, in Development on plain HTTP: its directory (signing certificate,
    /// identity folder with the development secrets, message-log key) and <paramref name="arguments"/> (given the
    /// directory; they come last, so they override any default here), plus <paramref name="environment"/>.
    /// </summary>
    public HubProcessSettings(Func<string, IEnumerable<string>> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        Directory = NewDirectory();
        Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        Arguments =
        [
            "--urls", Url.ToString().TrimEnd('/'),
            "--Signing:CertificatePath", CreateSigningCertificate(Directory),
            "--Identity:DevelopmentDirectory", Path.Combine(Directory, "identity"),
            "--Identity:AllowInsecureHttp", "true",
            "--Gateway:MessageLog:DevelopmentKeyPath", Path.Combine(Directory, "message-log-key"),
            "--Logging:LogLevel:Default", "Warning",
            "--Logging:Console:FormatterName", "simple",
            .. arguments(Directory),
        ];
        var variables = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["LGSP_PROVINCIAL_PORTAL_SECRET"] = null,
            ["LGSP_NATIONAL_PORTAL_SECRET"] = null,
            ["LGSP_CLI_SECRET"] = null,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[key] = value;
        }

        Environment = variables;
    }

    public string Directory { get; }

    public Uri Url { get; }

    public IReadOnlyList<string> Arguments { get; }

    public IReadOnlyDictionary<string, string?> Environment { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "lgsp-e2e-" + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    private static string CreateSigningCertificate(string directory)
    {
        var certificate = Path.Combine(directory, "signing.pfx");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=LGSP hub (e2e)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(certificate, created.Export(X509ContentType.Pfx));
        return certificate;
    }
}

/// <summary>
/// A client-credentials access token from the hub for one of its systems (<c>provincial-portal</c>,
/// <c>national-portal</c>), with the development secret the hub wrote to its directory.
/// </summary>
internal sealed class HubToken(HttpClient http, HubProcessSettings hub, string clientId, string secretVariable)
{
    private string? _token;

    public static HubToken Provincial(HttpClient http, HubProcessSettings hub) => new(http, hub, "provincial-portal", "LGSP_PROVINCIAL_PORTAL_SECRET");

    public static HubToken National(HttpClient http, HubProcessSettings hub) => new(http, hub, "national-portal", "LGSP_NATIONAL_PORTAL_SECRET");

    public void Reset() => _token = null;

    public async Task<string> GetAsync()
    {
        if (_token is not null)
        {
            return _token;
        }

        var secret = File.ReadAllLines(Path.Combine(hub.Directory, "identity", "development.env"))
            .Select(l => l.Split('=', 2)).Single(p => p[0] == secretVariable)[1];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hub.Url, "/connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "lgsp.dossier.sync" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{Uri.EscapeDataString(secret)}")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        _token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        return _token;
    }
}
