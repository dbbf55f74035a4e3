using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Lgsp.Hub.Tests.StatusSync;
using Lgsp.Testing;

namespace Lgsp.Hub.Tests.Cluster;

/// <summary>
/// <c>./cluster.sh up 2</c> (issue 18): two hub processes behind nginx on one PostgreSQL, the Kafka mock in its own
/// process and the sandbox; a lookup and a dossier status event go through nginx, then <c>down</c> leaves nothing
/// running. Runs the Debug build this test project has just built (<c>LGSP_CLUSTER_CONFIGURATION=Debug</c>).
/// </summary>
public sealed class ClusterScriptTests : IDisposable
{
    private readonly string _run = Path.Combine(Path.GetTempPath(), "lgsp-cluster-test-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _base = FreeRange();

    [Fact]
    public async Task Up_serves_a_lookup_and_an_event_through_nginx_and_down_leaves_nothing_running()
    {
        var up = await ClusterAsync("up", "2");
        Assert.True(up.Code == 0, "cluster.sh up failed:\n" + up.Output);
        var pids = Directory.GetFiles(_run, "*.pid").ToDictionary(f => Path.GetFileNameWithoutExtension(f)!, f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("hub-1", pids.Keys);
        Assert.Contains("hub-2", pids.Keys);
        Assert.Contains("nginx", pids.Keys);
        Assert.Contains("kafka", pids.Keys);
        Assert.Contains("sandbox", pids.Keys);
        var postgres = File.ReadAllText(Path.Combine(_run, "postgres.dir")).Trim();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var lb = new Uri($"http://127.0.0.1:{_base}/");
            var demo = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{_base + 1}/_sandbox/demo"))).RootElement;
            var enterprise = demo.GetProperty("enterprises")[0].GetProperty("enterpriseCode").GetString()!;

            using (var lookup = new HttpRequestMessage(HttpMethod.Get, new Uri(lb, "/api/v1/business/enterprises/" + enterprise)))
            {
                lookup.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, lb, "lgsp.business.read"));
                lookup.Headers.Add("X-Lgsp-Purpose", "1.001193");
                using var answer = await http.SendAsync(lookup);
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                Assert.Contains(enterprise, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            using (var create = new HttpRequestMessage(HttpMethod.Post, new Uri(lb, "/api/v1/dossiers")))
            {
                create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, lb, "lgsp.dossier.sync"));
                create.Headers.Add("Idempotency-Key", "cluster-test-1");
                create.Content = new StringContent(StatusSyncSamples.Accepted("H56.14-250812-0001").ToJsonString(), Encoding.UTF8, "application/json");
                using var answer = await http.SendAsync(create);
                Assert.True(answer.StatusCode == HttpStatusCode.Created, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            }

            var status = await ClusterAsync("status");
            Assert.Contains("hub-2", status.Output, StringComparison.Ordinal);
        }
        finally
        {
            var down = await ClusterAsync("down");
            Assert.True(down.Code == 0, "cluster.sh down failed:\n" + down.Output);
        }

        foreach (var (name, pid) in pids)
        {
            Assert.False(Running(pid), $"{name} (pid {pid}) is still running after down");
        }

        Assert.False(Directory.Exists(postgres), "the PostgreSQL data folder is left");
        Assert.False(Directory.Exists(_run), "the run folder is left");
        for (var port = _base; port <= _base + 4; port++)
        {
            Assert.False(Listening(port), $"something still listens on {port}");
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_run))
        {
            // A failed run: stop what it started all the same.
            ClusterAsync("down").GetAwaiter().GetResult();
        }
    }

    private async Task<(int Code, string Output)> ClusterAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(RepoPaths.Combine("cluster.sh")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LGSP_CLUSTER_DIR"] = _run;
        info.Environment["LGSP_CLUSTER_PORT"] = _base.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["LGSP_CLUSTER_NO_BUILD"] = "1";
        info.Environment["LGSP_CLUSTER_CONFIGURATION"] = "Debug";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await output + await errors);
    }

    private async Task<string> TokenAsync(HttpClient http, Uri lb, string scope)
    {
        var secret = File.ReadAllLines(Path.Combine(_run, "shared", "identity", "development.env"))
            .Select(l => l.Split('=', 2)).Single(p => p[0] == "LGSP_PROVINCIAL_PORTAL_SECRET")[1];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(lb, "/connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"provincial-portal:{Uri.EscapeDataString(secret)}")));
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }

    private static bool Running(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A first port with the 72 after it free now (the script's layout: nginx, sandbox, Kafka control, PostgreSQL, hubs, management).</summary>
    /// <summary>
    /// 72 ports in a row nobody listens on, below the kernel's ephemeral range: the other tests' listeners (port 0) and
    /// outgoing connections take ports from that range only, so none can take one of these while the cluster starts.
    /// </summary>
    private static int FreeRange()
    {
        var range = File.Exists("/proc/sys/net/ipv4/ip_local_port_range") ? File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [];
        var ephemeralStart = range.Length == 2 ? int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture) : 32_768;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = Random.Shared.Next(10_000, Math.Max(10_001, ephemeralStart - 72));
            if (Enumerable.Range(first, 72).All(p => !Listening(p)))
            {
                return first;
            }
        }

        throw new InvalidOperationException("no free range of ports");
    }
}
