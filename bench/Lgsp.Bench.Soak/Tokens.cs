using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Lgsp.Bench.Soak;

/// <summary>Client-credentials tokens per scope from the cluster (through the load balancer), fetched again every 4 minutes.</summary>
internal sealed class Tokens(Cluster cluster, string clientId, string secretVariable)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(4);
    private readonly ConcurrentDictionary<string, (string Token, Stopwatch Age)> _tokens = new(StringComparer.Ordinal);
    private readonly HttpClient _http = new(new SocketsHttpHandler(), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<string> GetAsync(string scope)
    {
        if (_tokens.TryGetValue(scope, out var held) && held.Age.Elapsed < Refresh)
        {
            return held.Token;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(cluster.Balancer, "/connect/token"))
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{Uri.EscapeDataString(cluster.Secret(secretVariable))}")));
                using var response = await _http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
                _tokens[scope] = (token, Stopwatch.StartNew());
                return token;
            }
            catch (HttpRequestException) when (attempt < 20)
            {
                // A fault window (a hub killed, the database restarting): try again shortly.
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }
}
