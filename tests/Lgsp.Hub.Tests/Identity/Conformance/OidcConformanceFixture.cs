using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;

namespace Lgsp.Hub.Tests.Identity.Conformance;

/// <summary>
/// Runs <c>tests/oidc-conformance/conformance.mjs</c> (openid-client, a certified relying-party library, under Node)
/// once against a hub on Kestrel over HTTPS, and keeps its one-JSON-line-per-check report for the tests to read.
/// <c>npm ci</c> runs first when the folder has no <c>node_modules</c>. Node trusts this run's self-signed TLS
/// certificate through <c>NODE_EXTRA_CA_CERTS</c>; nothing turns certificate checks off.
/// </summary>
public sealed class OidcConformanceFixture : IAsyncLifetime
{
    /// <summary>The client the pass plays: confidential, with code, refresh and client-credentials grants.</summary>
    public const string ClientId = "provincial-portal";

    /// <summary>A guard against a hung child process; no assertion depends on it.</summary>
    private static readonly TimeSpan ProcessLimit = TimeSpan.FromMinutes(5);

    private IdentityHub? _hub;
    private string? _directory;

    public IReadOnlyDictionary<string, ConformanceResult> Results { get; private set; } = new Dictionary<string, ConformanceResult>();

    public int ExitCode { get; private set; }

    /// <summary>Everything the script printed that was not a check line (stderr included), for failure messages.</summary>
    public string Diagnostics { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var project = RepoPaths.Combine("tests", "oidc-conformance");
        if (!Directory.Exists(Path.Combine(project, "node_modules", "openid-client")))
        {
            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], project, new Dictionary<string, string>());
            Assert.True(install.ExitCode == 0, "npm ci failed:\n" + install.Output + install.Error);
        }

        // Zero leeway: a redeemed refresh token presented again is refused at once, so reuse is testable without waiting.
        _hub = IdentityHub.StartOnSqlite(new Dictionary<string, string?> { ["Identity:RefreshTokenReuseLeeway"] = "00:00:00" });
        var userName = await _hub.CreateOfficialAsync();

        _directory = HubFactory.NewDirectory();
        var caFile = Path.Combine(_directory, "hub-tls.pem");
        await File.WriteAllTextAsync(caFile, HubFactory.TlsCertificatePem);

        var run = await RunAsync(
            "node",
            [
                Path.Combine(project, "conformance.mjs"),
                "--issuer", _hub.Address.ToString(),
                "--client-id", ClientId,
                "--redirect-uri", Oidc.PortalRedirect,
                "--post-logout-redirect-uri", Oidc.PortalPostLogout,
                "--username", userName,
                "--scope", "openid profile offline_access lgsp.business.read",
                "--client-credentials-scope", "lgsp.business.read",
                "--forbidden-scope", "lgsp.admin",
            ],
            project,
            new Dictionary<string, string>
            {
                ["NODE_EXTRA_CA_CERTS"] = caFile,
                ["LGSP_CONFORMANCE_CLIENT_SECRET"] = _hub.Secret(ClientId),
                ["LGSP_CONFORMANCE_PASSWORD"] = IdentityHub.Password,
            });

        ExitCode = run.ExitCode;
        var results = new Dictionary<string, ConformanceResult>(StringComparer.Ordinal);
        var other = new StringBuilder();
        foreach (var line in run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TryParse(line) is { } result)
            {
                results[result.Check] = result;
            }
            else
            {
                other.AppendLine(line);
            }
        }

        Results = results;
        Diagnostics = other.Append(run.Error).ToString();
    }

    public async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static ConformanceResult? TryParse(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            var json = JsonDocument.Parse(line).RootElement;
            return new ConformanceResult(
                json.GetProperty("check").GetString()!,
                json.GetProperty("passed").GetBoolean(),
                json.TryGetProperty("detail", out var detail) ? detail.GetString() ?? string.Empty : string.Empty);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, IReadOnlyList<string> arguments, string directory, IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(ProcessLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments.Take(1))} did not finish.");
        }

        return (process.ExitCode, await output, await error);
    }
}

/// <summary>One line of the conformance script's report.</summary>
public sealed record ConformanceResult(string Check, bool Passed, string Detail);
