using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lgsp.Core.Lookups;
using Lgsp.Sandbox.CivilRegistry;
using Lgsp.Sandbox.Control.Faults;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Data.Records;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The Ministry of Justice's electronic civil registry (hộ tịch điện tử) behind a provincial LGSP gateway (WSO2 API
/// Manager, <c>/hotich/1.0/…</c>, API key in the <c>apikey</c> header): one entry by office, kind, book and number,
/// and every entry about a person by personal id. Answers are JSON carrying the XML record in <c>data</c>
/// (<see cref="HoTichXml"/>). See the sandbox README for what it answers.
/// </summary>
internal static partial class CivilRegistryApi
{
    public const string RecordPath = "/hotich/1.0/hoSo";
    public const string PersonPath = "/hotich/1.0/traCuuTheoCaNhan";
    public const string InvalidInput = "HT01";
    public const string NotFound = "HT02";

    // Relaxed: the XML in data stays readable (no \u003C for "<"), as a Java or .NET gateway would write it; this JSON is never put in HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IServiceCollection AddCivilRegistryStandIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<CivilRegistryStandInOptions>()
            .Bind(configuration.GetSection(CivilRegistryStandInOptions.SectionName))
            .ValidateDataAnnotations();
        services.AddSingleton(new StandIn
        {
            Source = SourceNames.CivilRegistry,
            Paths = ["/hotich/"],
            NaturalLatency = (20, 60),
            MalformedBody = "{\"status\":1,\"errorCode\":\"\",\"data\":\"<hotich><hoso><module>KS</module><maDonVi>",
        });
        return services;
    }

    public static WebApplication MapCivilRegistryApi(this WebApplication app)
    {
        app.MapGet(RecordPath + "/{module}/{maDonVi}/{quyenSo}/{soDangKy}", GetRecord);
        app.MapPost(PersonPath, FindByPersonAsync).DisableAntiforgery();
        // Any other resource of the API: the gateway's own 404, as WSO2 words it (a book number sent with a bare '/'
        // lands here: one path segment too many).
        app.Map("/hotich/{**rest}", () => Results.Json(new
        {
            fault = new { code = 404, type = "Status report", message = "Runtime Error", description = "No matching resource found for given API Request" },
        }, statusCode: StatusCodes.Status404NotFound));
        return app;
    }

    private static IResult GetRecord(HttpContext context, string module, string maDonVi, string quyenSo, string soDangKy,
        SyntheticWorld world, IOptions<CivilRegistryStandInOptions> options)
    {
        if (Unauthorized(context, options.Value) is { } refused)
        {
            return refused;
        }

        // The book number travels as one path segment, its '/' escaped as %2F; Kestrel leaves %2F escaped in the path.
        var book = quyenSo.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(quyenSo) : quyenSo;
        if (!Enum.TryParse<LoaiHoTich>(module, ignoreCase: false, out var kind) || !Enum.IsDefined(kind) || module.Any(char.IsDigit)
            || !WardCode().IsMatch(maDonVi) || !BookNumber().IsMatch(book) || !int.TryParse(soDangKy, out var number) || number < 1)
        {
            return Answer(Refusal(InvalidInput, "Tham số tra cứu không hợp lệ (module KS/KT/KH, mã đơn vị, quyển số dạng 01/2019, số đăng ký)."));
        }

        return world.FindCivilRegistration(new SoHoTich(kind, maDonVi, book, number)) is { } entry
            ? Answer(Found(HoTichXml.Document([entry])))
            : Answer(Refusal(NotFound, "Không tìm thấy hồ sơ hộ tịch."));
    }

    /// <summary>By POST so the personal id stays out of URLs and the gateway's access logs.</summary>
    private static async Task<IResult> FindByPersonAsync(HttpContext context, SyntheticWorld world, IOptions<CivilRegistryStandInOptions> options)
    {
        if (Unauthorized(context, options.Value) is { } refused)
        {
            return refused;
        }

        string? id = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("soDinhDanh", out var value) && value.ValueKind == JsonValueKind.String)
            {
                id = value.GetString();
            }
        }
        catch (JsonException)
        {
            // Reported as invalid input below.
        }

        if (id is null || id.Length != 12 || !id.All(char.IsAsciiDigit))
        {
            return Answer(Refusal(InvalidInput, "Số định danh cá nhân (soDinhDanh) gồm 12 chữ số."));
        }

        // Nobody on record is an answer too: an empty list.
        return Answer(Found(HoTichXml.Document(world.FindCivilRegistrationsOf(id))));
    }

    private static JsonObject Found(string xml) => new()
    {
        ["status"] = 1,
        ["errorCode"] = "",
        ["errorDescription"] = "",
        ["data"] = xml,
    };

    private static JsonObject Refusal(string code, string description) => new()
    {
        ["status"] = 0,
        ["errorCode"] = code,
        ["errorDescription"] = description,
        ["data"] = null,
    };

    private static IResult Answer(JsonObject body) => Results.Text(body.ToJsonString(Json), "application/json; charset=utf-8", Encoding.UTF8);

    /// <summary>WSO2 API Manager's answer to a missing or unknown API key.</summary>
    private static IResult? Unauthorized(HttpContext context, CivilRegistryStandInOptions options)
    {
        var key = context.Request.Headers["apikey"].ToString();
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(options.ApiKey)))
        {
            return null;
        }

        return Results.Json(new
        {
            fault = new
            {
                code = 900901,
                message = "Invalid Credentials",
                description = "Invalid Credentials. Make sure you have provided the correct security credentials",
            },
        }, statusCode: StatusCodes.Status401Unauthorized);
    }

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex WardCode();

    [GeneratedRegex("^[0-9]{2}/[0-9]{4}$")]
    private static partial Regex BookNumber();
}
