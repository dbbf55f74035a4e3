using System.Globalization;
using System.Net;
using System.Text.Json;
using CsCheck;
using Lgsp.Core.Errors;
using Lgsp.Hub.Tests.Gateway;
using Lgsp.Hub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Lgsp.Hub.Tests.Hostile;

/// <summary>
/// Thousands of generated hostile inputs (<see cref="HostileGen"/>, CsCheck) at every public endpoint of the real hub
/// on Kestrel, over raw TLS sockets, in front of the real sandbox. For every input: no 5xx; a refusal is a
/// ProblemDetails with a catalogue code (the /connect/* endpoints: an OAuth error); nothing is written for a refused
/// input (row counts of every table before and after; only the refused lookup's own message-log record may appear, with
/// the answer's status and code); the hub is still ready. <c>LGSP_HOSTILE_INPUTS</c> sets the count (1,000 by default),
/// <c>LGSP_HOSTILE_SEED</c> replays a run (the seed CsCheck prints on a failure).
/// </summary>
public sealed class HostileInputsTests(HostileGatewayFixture hub, ITestOutputHelper output) : IClassFixture<HostileGatewayFixture>
{
    /// <summary>The table of calls counted against daily quotas (a call made upstream counts, whatever it answered).</summary>
    private const string QuotaTable = "client_quota_usage";

    private static readonly HashSet<string> OAuthErrors =
    [
        "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope", "unsupported_token_type",
        "invalid_token", "insufficient_scope", "access_denied", "unsupported_response_type", "login_required", "consent_required", "interaction_required",
        "invalid_request_uri", "invalid_request_object", "request_not_supported", "request_uri_not_supported", "registration_not_supported", "account_selection_required",
    ];

    [Fact]
    public async Task EveryPublicEndpoint_ThousandsOfHostileInputs_NoServerErrorEveryRefusalCataloguedNothingWritten()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("LGSP_HOSTILE_INPUTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1000;
        var seed = Environment.GetEnvironmentVariable("LGSP_HOSTILE_SEED");
        var endpoints = await EndpointsAsync();
        var byName = endpoints.ToDictionary(e => e.Name);
        var tokens = new HostileTokens(hub.Api, hub.Hub.Secret, hub.Hub.Factory.Setting("Identity:SigningCertificate:CertificatePath")!, TimeProvider.System);
        var tally = new HostileTally();
        output.WriteLine($"{endpoints.Count} endpoints: {string.Join(", ", endpoints.Select(e => e.Name))}");

        // One seed fixes the whole run: input i is the i-th draw of the generator from it.
        var runSeed = seed ?? new PCG((uint)Random.Shared.Next(), (ulong)Random.Shared.NextInt64()).ToString();
        output.WriteLine($"seed {runSeed} (LGSP_HOSTILE_SEED={runSeed} replays this run), {count} inputs");
        var pcg = PCG.Parse(runSeed);
        var generator = new HostileGen(endpoints).Requests;
        for (var i = 0; i < count; i++)
        {
            var request = generator.Generate(pcg, null!, out _);
            string? violation;
            try
            {
                violation = await TryAsync(byName[request.Endpoint], request, tokens, tally);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                // The suite's own line failed (not the hub's answer): reported with the input that did it, so the
                // seed replays it, and the run goes on.
                violation = $"the suite could not complete the exchange: {e.GetType().Name}: {e.Message}";
            }

            if (violation is not null)
            {
                tally.Violations.Add($"input #{i} (seed {runSeed}): {violation} — {request}");
            }

            if (tally.Tried % 250 == 0)
            {
                await AssertReadyAsync();
            }
        }

        await AssertReadyAsync();
        output.WriteLine(tally.Summary());
        Assert.True(tally.Tried >= count, $"tried {tally.Tried} of {count}");
        Assert.True(tally.Violations.Count == 0, $"seed {runSeed}: {tally.Violations.Count} violations\n" + string.Join("\n", tally.Violations.Take(20)));
    }

    private async Task<string?> TryAsync(HostileEndpoint endpoint, HostileRequest request, HostileTokens tokens, HostileTally tally)
    {
        var authorization = await tokens.HeaderAsync(request.Token, endpoint.Scope);
        var extra = await tokens.ExtraHeadersAsync(request.Token, endpoint.Scope);
        var sent = extra.Count == 0 ? request : request with { Headers = [.. request.Headers, .. extra] };
        var before = await hub.DbAsync(HubRows.CountAsync);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var answer = await RawHttp.SendAsync(hub.Hub.Address, HubFactory.TlsThumbprint, sent, authorization, timeout.Token);
        var after = await hub.DbAsync(HubRows.CountAsync);
        tally.Tried++;

        if (answer.Status == 0)
        {
            return "no HTTP answer";
        }

        if (answer.Status == RawAnswer.ClosedWhileSending)
        {
            // Kestrel refused what it had read so far and reset the line; the reset can take its answer with it. The
            // input still must have changed nothing.
            tally.Count("closed while sending");
            return after.WrittenSince(before) is { Count: > 0 } cutWrites ? $"line closed while sending, but wrote: {string.Join(", ", cutWrites)}" : null;
        }

        if (answer.Following is { } following && following is 0 or >= 500)
        {
            return $"the request was split in two on the wire and the second answer was {(following == 0 ? "unreadable" : following)}";
        }

        if (answer.Status >= 500)
        {
            tally.ServerErrors++;
            return $"{answer.Status}: {answer.Text[..Math.Min(answer.Text.Length, 400)]}";
        }

        if (answer.Status < 400)
        {
            tally.Count(answer.Status < 300 ? $"accepted {answer.Status}" : $"redirected {answer.Status}");
            return endpoint.Kind == RefusalKind.OAuth && after.WrittenSince(before) is { Count: > 0 } oauthWrites ? $"OAuth answer {answer.Status} wrote {string.Join(", ", oauthWrites)}" : null;
        }

        var (code, problem) = endpoint.Kind == RefusalKind.OAuth ? OAuthRefusal(answer) : CatalogueRefusal(answer);
        if (problem is not null)
        {
            return problem;
        }

        tally.Count(code!);
        // An upstream.* answer is not the hub refusing the input: the exchange passed every check and the source was
        // called (it answered an error), so the call counts against the client's daily quota like any other made.
        var admitted = code!.StartsWith("upstream.", StringComparison.Ordinal);
        if (after.WrittenSince(before).Where(w => !(admitted && w.StartsWith(QuotaTable + " ", StringComparison.Ordinal))).ToList() is { Count: > 0 } writes)
        {
            tally.WritesAfterRefusal++;
            return $"refused {answer.Status} {code} but wrote: {string.Join(", ", writes)}";
        }

        var logged = after.Refusals - before.Refusals;
        if (logged > 1 || (logged == 1 && (after.LastRefusalStatus != answer.Status || after.LastRefusalOutcome != code)))
        {
            tally.WritesAfterRefusal++;
            return $"refused {answer.Status} {code}; message log gained {logged} refusal record(s), the last {after.LastRefusalStatus} {after.LastRefusalOutcome}";
        }

        tally.LoggedRefusals += logged;
        return null;
    }

    /// <summary>A ProblemDetails (application/problem+json) whose code is in the catalogue and whose status is the answer's.</summary>
    private static (string? Code, string? Problem) CatalogueRefusal(RawAnswer answer)
    {
        if (answer.Body.Length == 0 && answer.Header("Content-Type") is null)
        {
            // Kestrel's own refusal of a request it could not parse (bad request line or header bytes, headers over
            // its limits): the hub's pipeline never ran. Counted apart; see the Errors README.
            return ("kestrel." + answer.Status.ToString(CultureInfo.InvariantCulture), null);
        }

        if (answer.Header("Content-Type")?.StartsWith("application/problem+json", StringComparison.Ordinal) != true)
        {
            return (null, $"{answer.Status} is not a ProblemDetails: {answer.Header("Content-Type")} {answer.Text[..Math.Min(answer.Text.Length, 300)]}");
        }

        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            var code = json.RootElement.GetProperty("code").GetString()!;
            if (!ErrorCatalogue.TryFind(code, out _))
            {
                return (null, $"{answer.Status} with code {code}, which is not in the catalogue");
            }

            return json.RootElement.GetProperty("status").GetInt32() == answer.Status ? (code, null) : (null, $"status field differs from {answer.Status}");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, $"{answer.Status} ProblemDetails unreadable ({ex.Message}): {answer.Text[..Math.Min(answer.Text.Length, 300)]}");
        }
    }

    /// <summary>An OAuth error: RFC 6749 §5.2 JSON (<c>error</c>), an RFC 6750 challenge, or a catalogue ProblemDetails (throttling, body cap).</summary>
    private static (string? Code, string? Problem) OAuthRefusal(RawAnswer answer)
    {
        if (answer.Header("Content-Type")?.StartsWith("application/problem+json", StringComparison.Ordinal) == true)
        {
            return CatalogueRefusal(answer);
        }

        if (answer.Body.Length == 0 && answer.Header("Content-Type") is null && answer.Header("WWW-Authenticate") is null)
        {
            return ("kestrel." + answer.Status.ToString(CultureInfo.InvariantCulture), null);
        }

        if (answer.Header("WWW-Authenticate") is { } www && System.Text.RegularExpressions.Regex.Match(www, "error=\"([a-z_]+)\"") is { Success: true } m && OAuthErrors.Contains(m.Groups[1].Value))
        {
            return ("oauth." + m.Groups[1].Value, null);
        }

        if (answer.Header("Content-Type")?.StartsWith("text/plain", StringComparison.Ordinal) == true
            && System.Text.RegularExpressions.Regex.Match(answer.Text, "^error:([a-z_]+)") is { Success: true } page)
        {
            // OpenIddict's page for an authorization or logout request it must not redirect (RFC 6749 §4.1.2.1).
            return OAuthErrors.Contains(page.Groups[1].Value) ? ("oauth." + page.Groups[1].Value, null) : (null, $"{answer.Status} OAuth error {page.Groups[1].Value} is not a standard code");
        }

        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            var error = json.RootElement.GetProperty("error").GetString()!;
            return OAuthErrors.Contains(error) ? ("oauth." + error, null) : (null, $"{answer.Status} OAuth error {error} is not an RFC 6749/6750/7009/7662 code");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, $"{answer.Status} is not an OAuth error: {answer.Header("Content-Type")} {answer.Text[..Math.Min(answer.Text.Length, 300)]}");
        }
    }

    private async Task AssertReadyAsync()
    {
        using var api = hub.Api();
        using var ready = await api.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    /// <summary>The hub's OpenAPI document (served on its management endpoint) and its OpenID Connect discovery document.</summary>
    private async Task<IReadOnlyList<HostileEndpoint>> EndpointsAsync()
    {
        using var docsHub = HubFactory.OnSqlite();
        using var management = HubFactory.CreateManagementClient(docsHub);
        using var openApi = JsonDocument.Parse(await management.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        using var api = hub.Api();
        using var discovery = JsonDocument.Parse(await api.GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative)));
        return [.. HostileEndpoints.FromOpenApi(openApi.RootElement), .. HostileEndpoints.FromDiscovery(discovery.RootElement)];
    }
}

/// <summary>What a run did: inputs tried, refusals by code, accepted and redirected inputs, 5xx, writes after a refusal.</summary>
internal sealed class HostileTally
{
    private readonly SortedDictionary<string, int> _byCode = new(StringComparer.Ordinal);

    public int Tried { get; set; }

    public int ServerErrors { get; set; }

    public int WritesAfterRefusal { get; set; }

    public long LoggedRefusals { get; set; }

    public List<string> Violations { get; } = [];

    public void Count(string code) => _byCode[code] = _byCode.GetValueOrDefault(code) + 1;

    public string Summary() =>
        $"tried {Tried}; 5xx = {ServerErrors}; writes after a refusal = {WritesAfterRefusal}; refusal records in the message log = {LoggedRefusals}; violations = {Violations.Count}\n"
        + string.Join("\n", _byCode.Select(c => $"  {c.Key}: {c.Value}"))
        + (Violations.Count == 0 ? string.Empty : "\nfirst violations:\n" + string.Join("\n", Violations.Take(20)));
}
