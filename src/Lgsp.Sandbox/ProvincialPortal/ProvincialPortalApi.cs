using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Lgsp.Sandbox.Control.Faults;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.ProvincialPortal;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The provincial one-stop system (hệ thống một cửa điện tử, TD-DVC style) as the hub meets it when a dossier
/// submitted on DVCQG must reach the province: <c>POST /motcua/api/tokens</c> (account and tenant → JWT), then with the
/// bearer token and the <c>tenant</c> header <c>POST /motcua/api/v1/dongbo/hosodvcqg</c> (a dossier version) and
/// <c>POST …/hosodvcqg/{maHoSo}/quatrinh</c> (a step), both keyed by <c>Idempotency-Key</c>, and
/// <c>GET …/hosodvcqg/{maHoSo}</c>. Tests read what it received at <c>/_sandbox/provincial/received</c>. See the README.
/// </summary>
internal static class ProvincialPortalApi
{
    /// <summary>The stand-in's source name: as in <c>upstream.provincial.*</c>, its fault switch and the hub's destination name.</summary>
    public const string Source = "provincial";

    public const string Prefix = "/motcua";
    public const string TokenPath = Prefix + "/api/tokens";
    public const string ApiPrefix = Prefix + "/api/v1/";
    public const string DossiersPath = ApiPrefix + "dongbo/hosodvcqg";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static IServiceCollection AddProvincialPortalStandIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<ProvincialPortalStandInOptions>()
            .Bind(configuration.GetSection(ProvincialPortalStandInOptions.SectionName))
            .ValidateDataAnnotations();
        services.AddSingleton<MotCuaTokens>();
        services.AddSingleton(sp =>
        {
            var store = new MotCuaStore(sp.GetRequiredService<TimeProvider>());
            Seed(store, sp);
            return store;
        });
        // Sign-in keeps answering while the dossier API is faulted.
        services.AddSingleton(new StandIn
        {
            Source = Source,
            Paths = [Prefix + "/"],
            FaultPaths = [ApiPrefix],
            NaturalLatency = (20, 120),
            MalformedBody = "{\"succeeded\":true,\"data\":{\"maHoSo\":\"H56",
        });
        return services;
    }

    public static WebApplication MapProvincialPortalApi(this WebApplication app)
    {
        app.MapPost(TokenPath, SignInAsync);
        app.MapPost(DossiersPath, PutDossierAsync);
        app.MapPost(DossiersPath + "/{maHoSo}/quatrinh", AddStepAsync);
        app.MapGet(DossiersPath + "/{maHoSo}", GetDossier);

        var control = app.MapGroup("/_sandbox/provincial");
        control.MapGet("/received", (string? dossier, MotCuaStore store) => dossier is null
            ? Results.Json(store.Summary(), Json)
            : store.Received(dossier) is { } view ? Results.Json(view, Json) : Results.Json(new { maHoSo = dossier, exists = false, calls = Array.Empty<object>() }, Json, statusCode: 404));
        control.MapDelete("/received", (MotCuaStore store, IServiceProvider services) =>
        {
            store.Clear();
            Seed(store, services);
            return Results.NoContent();
        });
        control.MapGet("/dossiers", (SyntheticWorld world, IOptionsMonitor<ProvincialPortalStandInOptions> options) =>
            Results.Json(MotCuaSeed.Build(world, options.CurrentValue).Select(d => new
            {
                maHoSo = MotCuaRules.Text(d.HoSo, "maHoSo"),
                trangThaiHoSoId = MotCuaRules.Text(d.HoSo, "trangThaiHoSoId"),
                steps = d.Steps.Count,
            }), Json));
        return app;
    }

    private static void Seed(MotCuaStore store, IServiceProvider services)
    {
        var world = services.GetRequiredService<SyntheticWorld>();
        var options = services.GetRequiredService<IOptionsMonitor<ProvincialPortalStandInOptions>>().CurrentValue;
        foreach (var (hoSo, steps) in MotCuaSeed.Build(world, options))
        {
            store.Seed(hoSo, steps);
        }
    }

    private static async Task<IResult> SignInAsync(HttpContext context, MotCuaTokens tokens)
    {
        var body = await ReadAsync(context) as JsonObject;
        var tenant = context.Request.Headers["tenant"].ToString();
        if (body is null || !tokens.CredentialsMatch(tenant, MotCuaRules.Text(body, "username"), MotCuaRules.Text(body, "password")))
        {
            return Answer(MotCuaStore.Error(401, "Xác thực không thành công."));
        }

        var (token, refresh, refreshExpiresAt) = tokens.Issue();
        return Answer(new MotCuaAnswer(200, new JsonObject
        {
            ["token"] = token,
            ["refreshToken"] = refresh,
            ["refreshTokenExpiryTime"] = refreshExpiresAt.ToString("O", CultureInfo.InvariantCulture),
        }));
    }

    private static async Task<IResult> PutDossierAsync(HttpContext context, MotCuaTokens tokens, MotCuaStore store)
    {
        if (Unauthorized(context, tokens) is { } refusal)
        {
            return refusal;
        }

        if (await ReadAsync(context) is not JsonObject hoSo)
        {
            return Answer(MotCuaStore.Error(400, "Nội dung phải là một đối tượng JSON."));
        }

        if (Key(context) is not { } key)
        {
            return Answer(MotCuaStore.Error(400, "Thiếu header Idempotency-Key."));
        }

        var errors = MotCuaRules.CheckDossier(hoSo);
        return errors.Count > 0
            ? Answer(store.Refused(key, "HoSo", MotCuaRules.Text(hoSo, "maHoSo"), hoSo, MotCuaStore.Error(400, [.. errors])))
            : Answer(store.PutDossier(key, hoSo));
    }

    private static async Task<IResult> AddStepAsync(string maHoSo, HttpContext context, MotCuaTokens tokens, MotCuaStore store)
    {
        if (Unauthorized(context, tokens) is { } refusal)
        {
            return refusal;
        }

        if (await ReadAsync(context) is not JsonObject step)
        {
            return Answer(MotCuaStore.Error(400, "Nội dung phải là một đối tượng JSON."));
        }

        if (Key(context) is not { } key)
        {
            return Answer(MotCuaStore.Error(400, "Thiếu header Idempotency-Key."));
        }

        var errors = MotCuaRules.CheckStep(step).ToList();
        if (MotCuaRules.Text(step, "maHoSo") is { } code && !string.Equals(code, maHoSo, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("maHoSo: khác với mã hồ sơ trên đường dẫn.");
        }

        return errors.Count > 0
            ? Answer(store.Refused(key, "QuaTrinh", maHoSo, step, MotCuaStore.Error(400, [.. errors])))
            : Answer(store.AddStep(key, maHoSo, step));
    }

    private static IResult GetDossier(string maHoSo, HttpContext context, MotCuaTokens tokens, MotCuaStore store)
    {
        if (Unauthorized(context, tokens) is { } refusal)
        {
            return refusal;
        }

        if (store.Find(maHoSo) is not { } found)
        {
            return Answer(MotCuaStore.Error(404, $"Không tìm thấy hồ sơ {maHoSo}."));
        }

        var data = found.HoSo;
        data["quaTrinhXuLy"] = new JsonArray([.. found.Steps]);
        return Answer(new MotCuaAnswer(200, new JsonObject { ["succeeded"] = true, ["message"] = null, ["data"] = data }));
    }

    private static IResult? Unauthorized(HttpContext context, MotCuaTokens tokens)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        return tokens.IsValid(token, context.Request.Headers["tenant"].ToString())
            ? null
            : Answer(MotCuaStore.Error(401, "Phiên đăng nhập không hợp lệ hoặc đã hết hạn."));
    }

    private static string? Key(HttpContext context) =>
        context.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 and <= 200 } key ? key : null;

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
    }

    private static IResult Answer(MotCuaAnswer answer) =>
        Results.Text(answer.Body.ToJsonString(Json), "application/json; charset=utf-8", Encoding.UTF8, answer.Status);
}
