using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Lgsp.Sandbox.Control.Faults;
using Lgsp.Sandbox.Control.Gateway;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.NationalPortal;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The national public-service portal (Cổng DVCQG) in its 766-era REST generation (DOMAIN.md §2.1 item 2), behind a
/// WSO2-style gateway: <c>POST /dvcqg/token</c> (OAuth client credentials), then with the bearer token
/// <c>POST /dvcqg/api/TraCuuHoSo</c>, <c>ThemMoi</c>, <c>CapNhat</c> and <c>DongBoTienTrinh</c>, each answering
/// <c>{error_code, message}</c> with HTTP 200. Tests read what it received at <c>/_sandbox/dvcqg/received</c> and make
/// it hand a dossier submitted on the portal to the hub with <c>POST /_sandbox/dvcqg/submit</c>. See the sandbox README.
/// </summary>
internal static class NationalPortalApi
{
    /// <summary>The stand-in's source name: as in <c>upstream.dvcqg.*</c>, its fault switch and the hub's destination name.</summary>
    public const string Source = "dvcqg";

    public const string Prefix = "/dvcqg";
    public const string TokenPath = Prefix + "/token";
    public const string ApiPrefix = Prefix + "/api/";

    public const string Lookup = "TraCuuHoSo";
    public const string Create = "ThemMoi";
    public const string Update = "CapNhat";
    public const string Progress = "DongBoTienTrinh";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    public static IServiceCollection AddNationalPortalStandIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<NationalPortalStandInOptions>()
            .Bind(configuration.GetSection(NationalPortalStandInOptions.SectionName))
            .ValidateDataAnnotations();
        services.AddKeyedSingleton(Source, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<NationalPortalStandInOptions>>();
            return new GatewayTokens(() => options.CurrentValue.Tier, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp =>
        {
            var store = new DvcqgStore(sp.GetRequiredService<TimeProvider>());
            Seed(store, sp);
            return store;
        });
        services.AddHttpClient(DvcqgSubmitter.ClientName);
        services.AddSingleton<DvcqgSubmitter>();
        // The gateway's token endpoint keeps answering while DVCQG behind it is down, slow or throttling.
        services.AddSingleton(new StandIn
        {
            Source = Source,
            Paths = [Prefix + "/"],
            FaultPaths = [ApiPrefix],
            NaturalLatency = (40, 250),
            MalformedBody = "{\"error_code\":\"0\",\"message\":\"Th",
        });
        return services;
    }

    public static WebApplication MapNationalPortalApi(this WebApplication app)
    {
        app.MapPost(TokenPath, ([FromKeyedServices(Source)] GatewayTokens tokens, HttpContext context) => Wso2Gateway.IssueTokenAsync(context, tokens))
            .DisableAntiforgery();
        app.MapPost(ApiPrefix + Lookup, LookupAsync);
        app.MapPost(ApiPrefix + Create, (HttpContext c, [FromKeyedServices(Source)] GatewayTokens t, DvcqgStore s, IOptionsMonitor<NationalPortalStandInOptions> o) => WriteAsync(c, t, s, o, Create));
        app.MapPost(ApiPrefix + Update, (HttpContext c, [FromKeyedServices(Source)] GatewayTokens t, DvcqgStore s, IOptionsMonitor<NationalPortalStandInOptions> o) => WriteAsync(c, t, s, o, Update));
        app.MapPost(ApiPrefix + Progress, (HttpContext c, [FromKeyedServices(Source)] GatewayTokens t, DvcqgStore s, IOptionsMonitor<NationalPortalStandInOptions> o) => WriteAsync(c, t, s, o, Progress));

        var control = app.MapGroup("/_sandbox/dvcqg");
        control.MapGet("/received", (string? dossier, DvcqgStore store) => dossier is null
            ? Results.Json(store.Summary(), Json)
            : store.Received(dossier) is { } view ? Results.Json(view, Json) : Results.Json(new { maHoSo = dossier, exists = false, calls = Array.Empty<object>(), rows = Array.Empty<object>() }, Json, statusCode: 404));
        control.MapDelete("/received", (DvcqgStore store, IServiceProvider services) =>
        {
            store.Clear();
            Seed(store, services);
            return Results.NoContent();
        });
        control.MapGet("/dossiers", (DvcqgStore store, SyntheticWorld world, IOptionsMonitor<NationalPortalStandInOptions> options) =>
            Results.Json(DvcqgSeed.Build(world, options.CurrentValue).Select(d => new
            {
                maHoSo = DvcqgRules.Text(d.HoSo, "MaHoSo"),
                maTTHC = DvcqgRules.Text(d.HoSo, "MaTTHC"),
                trangThaiHoSo = DvcqgRules.Text(d.HoSo, "TrangThaiHoSo"),
                rows = d.Rows.Count,
            }), Json));
        control.MapPost("/submit", (SubmitRequest? request, DvcqgSubmitter submitter, CancellationToken ct) => submitter.SubmitAsync(request ?? new SubmitRequest(), ct));
        return app;
    }

    private static void Seed(DvcqgStore store, IServiceProvider services)
    {
        var world = services.GetRequiredService<SyntheticWorld>();
        var options = services.GetRequiredService<IOptionsMonitor<NationalPortalStandInOptions>>().CurrentValue;
        foreach (var (hoSo, rows) in DvcqgSeed.Build(world, options))
        {
            store.Seed(hoSo, rows);
        }
    }

    private static async Task<IResult> LookupAsync(HttpContext context, [FromKeyedServices(Source)] GatewayTokens tokens, DvcqgStore store)
    {
        if (Wso2Gateway.Refusal(context, tokens) is { } refusal)
        {
            return refusal;
        }

        var body = await ReadAsync(context);
        if (body is not JsonObject request || DvcqgRules.Text(request, "MaHoSo") is not { } code)
        {
            return Answer(new DvcqgOutcome(DvcqgCodes.Invalid, "MaHoSo: bắt buộc."), StatusCodes.Status400BadRequest);
        }

        if (store.Find(code) is not { } found)
        {
            return Answer(new DvcqgOutcome(DvcqgCodes.NotFound, $"Không tìm thấy hồ sơ {code}."));
        }

        // The dossier as stored, with the progress rows DVCQG holds for it.
        var data = found.HoSo;
        data["QuaTrinhXuLy"] = new JsonArray([.. found.Rows]);
        return Answer(new DvcqgOutcome(DvcqgCodes.Success, "Thành công."), data: data);
    }

    private static async Task<IResult> WriteAsync(
        HttpContext context, GatewayTokens tokens, DvcqgStore store, IOptionsMonitor<NationalPortalStandInOptions> options, string op)
    {
        if (Wso2Gateway.Refusal(context, tokens) is { } refusal)
        {
            return refusal;
        }

        if (await ReadAsync(context) is not JsonArray array || array.Count == 0 || array.Any(i => i is not JsonObject))
        {
            return Answer(new DvcqgOutcome(DvcqgCodes.Invalid, "Dữ liệu phải là một mảng JSON các đối tượng, không rỗng."), StatusCodes.Status400BadRequest);
        }

        var items = array.Select(i => (JsonObject)i!).ToList();
        if (op == Progress && items.Count > DvcqgRules.MaxRowsPerCall)
        {
            var tooMany = new DvcqgOutcome(DvcqgCodes.Invalid, $"Mỗi lần đồng bộ tối đa {DvcqgRules.MaxRowsPerCall} tiến trình (nhận {items.Count}).");
            store.Refused(op, items, tooMany);
            return Answer(tooMany);
        }

        var province = options.CurrentValue.ProvinceCode;
        var errors = items.SelectMany((item, i) => op == Progress
            ? DvcqgRules.CheckRow(item, $"[{i}].")
            : DvcqgRules.CheckDossier(item, province).Select(e => $"[{i}].{e}")).ToList();
        if (errors.Count > 0)
        {
            var invalid = new DvcqgOutcome(DvcqgCodes.Invalid, "Dữ liệu không hợp lệ: " + string.Join(" ", errors));
            store.Refused(op, items, invalid);
            return Answer(invalid);
        }

        return Answer(op switch
        {
            Create => store.Create(items),
            Update => store.Update(items),
            _ => store.AppendProgress(items),
        });
    }

    private static async Task<JsonNode?> ReadAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null; // a member named twice
        }
    }

    private static IResult Answer(DvcqgOutcome outcome, int status = StatusCodes.Status200OK, JsonObject? data = null)
    {
        var body = new JsonObject { ["error_code"] = outcome.ErrorCode, ["message"] = outcome.Message };
        if (data is not null)
        {
            body["data"] = data;
        }

        return Results.Text(body.ToJsonString(Json), "application/json; charset=utf-8", Encoding.UTF8, status);
    }
}
