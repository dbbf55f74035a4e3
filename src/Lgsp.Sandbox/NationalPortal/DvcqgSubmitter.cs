using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Core.Codes;
using Lgsp.Core.Time;
using Lgsp.Sandbox.Data;
using Microsoft.Extensions.Options;

namespace Lgsp.Sandbox.NationalPortal;

/// <summary>The body of <c>POST /_sandbox/dvcqg/submit</c>: how many dossiers citizens submit on the portal (1–100).</summary>
internal sealed record SubmitRequest
{
    public int Count { get; init; } = 1;
}

/// <summary>One dossier handed to the hub: its code, and the hub's answer (status and body) as received.</summary>
internal sealed record SubmitOutcome(string Code, int HubStatus, JsonNode? HubAnswer);

/// <summary>
/// DVCQG handing dossiers that citizens submitted on the portal to the province, as the national portal's client of
/// the hub does: <c>POST {HubBaseUrl}/api/v1/national/dossiers</c> with the hub's canonical dossier JSON
/// (<c>schemas/dossiers/v1</c>) and an <c>Idempotency-Key</c> (the dossier code, so a repeated hand-over is
/// recognised). Each dossier is an online birth registration by a synthetic citizen with a VNeID account, status 1
/// (Mới đăng ký), coded <c>&lt;agency&gt;-yyMMdd-NNNN</c> with NNNN counting from 5001 each sandbox day, so it never
/// meets the province's own low sequence numbers. DVCQG signs in as the hub's <c>national-portal</c> client first
/// (<c>POST {HubBaseUrl}/connect/token</c>, client credentials, scope <c>lgsp.dossier.sync</c>) when the secret's
/// environment variable is set, and sends the bearer token.
/// </summary>
internal sealed class DvcqgSubmitter(
    IHttpClientFactory clients, IOptionsMonitor<NationalPortalStandInOptions> options, IConfiguration configuration, SyntheticWorld world, TimeProvider time)
{
    public const string ClientName = "dvcqg.submit";

    private const int FirstSequence = 5001;

    private readonly Lock _lock = new();
    private DateOnly _day;
    private int _next = FirstSequence;

    public async Task<IResult> SubmitAsync(SubmitRequest request, CancellationToken cancellationToken)
    {
        if (request.Count is < 1 or > 100)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["count"] = ["count must be between 1 and 100."] });
        }

        var o = options.CurrentValue;
        if (o.HubBaseUrl is not { } hub)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "No hub configured",
                detail: $"Set {NationalPortalStandInOptions.SectionName}:HubBaseUrl to the hub's URL (run.sh does).");
        }

        using var client = clients.CreateClient(ClientName);
        var token = await HubTokenAsync(client, hub, o, cancellationToken);
        if (token is { Error: { } error })
        {
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The hub refused DVCQG's client credentials", detail: error);
        }

        var outcomes = new List<SubmitOutcome>();
        foreach (var dossier in Next(request.Count, o))
        {
            var code = dossier["code"]!.GetValue<string>();
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(hub, "api/v1/national/dossiers")) { Content = JsonContent.Create(dossier) };
            message.Headers.Add("Idempotency-Key", code);
            if (token is { Value: { } bearer })
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            using var response = await client.SendAsync(message, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            outcomes.Add(new SubmitOutcome(code, (int)response.StatusCode, Parse(text)));
        }

        return Results.Ok(outcomes);
    }

    /// <summary>A token from the hub's single sign-on, or null when no secret is configured (then no token is sent).</summary>
    private async Task<(string? Value, string? Error)?> HubTokenAsync(HttpClient client, Uri hub, NationalPortalStandInOptions o, CancellationToken cancellationToken)
    {
        if (configuration[o.HubClientSecretVariable] is not { Length: > 0 } secret)
        {
            return null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hub, "connect/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "lgsp.dossier.sync")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Uri.EscapeDataString(o.HubClientId)}:{Uri.EscapeDataString(secret)}")));
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || Parse(text) is not JsonObject answer
            || answer["access_token"] is not JsonValue value || !value.TryGetValue<string>(out var token) || token.Length == 0)
        {
            return (null, $"HTTP {(int)response.StatusCode} from /connect/token.");
        }

        return (token, null);
    }

    /// <summary>The next dossiers in the hub's canonical JSON.</summary>
    internal IReadOnlyList<JsonObject> Next(int count, NationalPortalStandInOptions o)
    {
        var agency = AgencyCode.Parse(o.SubmitAgencyCode);
        var now = VietnamTime.Now(time);
        var result = new List<JsonObject>();
        var adults = world.Citizens.Where(c => !c.DaChet && c.NgayThangNamSinh.Nam <= world.Spec.AsOf.Year - 20).ToList();
        for (var i = 0; i < count; i++)
        {
            var sequence = Take(DateOnly.FromDateTime(now.DateTime));
            var owner = adults[(sequence + o.SeedDossiers) % adults.Count];
            var code = DossierCode.Create(agency, DateOnly.FromDateTime(now.DateTime), sequence).Value;
            result.Add(new JsonObject
            {
                ["code"] = code,
                ["procedure"] = new JsonObject
                {
                    ["nationalCode"] = "1.001193",
                    ["name"] = "Đăng ký khai sinh",
                    ["fieldCode"] = "HT",
                    ["fieldName"] = "Hộ tịch",
                },
                ["receivingAgencyCode"] = agency.Value,
                ["channel"] = 2,
                ["submittedVia"] = "Cổng Dịch vụ công quốc gia",
                ["owner"] = new JsonObject
                {
                    ["kind"] = 1,
                    ["name"] = owner.HoVaTen.DayDu,
                    ["identifiers"] = new JsonArray(
                        new JsonObject { ["type"] = "personalId", ["value"] = owner.SoDinhDanh },
                        new JsonObject { ["type"] = "techId", ["value"] = TechId(owner.SoDinhDanh) }),
                },
                ["summary"] = "Đăng ký khai sinh cho con",
                ["submittedAt"] = now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                ["status"] = 1,
                ["ownerVneidVerified"] = true,
                ["paidOnline"] = 0,
            });
        }

        return result;
    }

    private int Take(DateOnly day)
    {
        lock (_lock)
        {
            if (day != _day)
            {
                _day = day;
                _next = FirstSequence;
            }

            if (_next > DossierCode.MaxSequence)
            {
                throw new InvalidOperationException("The sandbox submitted every code it may use today.");
            }

            return _next++;
        }
    }

    /// <summary>A stable made-up VNeID/DVCQG account key (TechID) for a synthetic citizen.</summary>
    private static string TechId(string personalId) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("techid:" + personalId)).AsSpan(0, 16)).ToString("D");

    private static JsonNode? Parse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
