using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Sandbox.Control.Faults;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Insurance;
using Lgsp.Sandbox.LgspGateway;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The social-insurance database (CSDL BHXH) as the LGSP's BHXH connection exposes it:
/// <c>GET /apiBHXH/1.0/traCuuThongTinBHXH?masobhxh=</c>, the partner identified by its <c>lgspaccesstoken</c> header
/// (Base64 JSON of its access key, secret key, app name and partner codes, as public LGSP integrations send it).
/// 401 for a missing (when required) or unreadable header or wrong keys; 403 when the app or partner is not the one the
/// keys were issued to (no permission for the API); 429 with <c>Retry-After</c> when the partner's quota is used up.
/// See the sandbox README.
/// </summary>
internal static class InsuranceApi
{
    public const string ApiPath = "/apiBHXH/1.0/traCuuThongTinBHXH";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static IServiceCollection AddInsuranceStandIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<InsuranceStandInOptions>()
            .Bind(configuration.GetSection(InsuranceStandInOptions.SectionName))
            .ValidateDataAnnotations();
        services.AddSingleton<InsuranceProfile>();
        services.AddSingleton<PartnerQuota>();
        services.AddSingleton(new StandIn
        {
            Source = SourceNames.Insurance,
            Paths = ["/apiBHXH/"],
            NaturalLatency = (15, 60),
            MalformedBody = "{\"maLoi\":\"00\",\"duLieu\":{\"Hoten\":\"Nguy",
        });
        return services;
    }

    public static WebApplication MapInsuranceApi(this WebApplication app)
    {
        app.MapGet(ApiPath, LookUp);
        var control = app.MapGroup("/_sandbox/insurance");
        control.MapGet("/profile", (InsuranceProfile profile) => Results.Ok(new InsuranceProfileBody(profile.RequireAccessToken)));
        control.MapPut("/profile", (InsuranceProfileBody body, InsuranceProfile profile) =>
        {
            profile.RequireAccessToken = body.RequireAccessToken ?? profile.RequireAccessToken;
            return Results.Ok(new InsuranceProfileBody(profile.RequireAccessToken));
        });
        return app;
    }

    private static IResult LookUp(
        HttpContext context, InsuranceProfile profile, PartnerQuota quota, IOptions<InsuranceStandInOptions> options, SyntheticWorld world)
    {
        var (verdict, partnerCode) = LgspAccessTokens.Check(context.Request, options.Value.Partner);
        switch (verdict)
        {
            case LgspTokenVerdict.Absent when profile.RequireAccessToken:
                return Answer(InsuranceJson.Refusal("401", $"Thiếu tiêu đề {LgspAccessTokens.HeaderName}."), StatusCodes.Status401Unauthorized);
            case LgspTokenVerdict.Unreadable:
                return Answer(InsuranceJson.Refusal("401", $"Tiêu đề {LgspAccessTokens.HeaderName} không đọc được."), StatusCodes.Status401Unauthorized);
            case LgspTokenVerdict.BadCredentials:
                return Answer(InsuranceJson.Refusal("401", "AccessKey hoặc SecretKey không đúng."), StatusCodes.Status401Unauthorized);
            case LgspTokenVerdict.NotGranted:
                return Answer(InsuranceJson.Refusal("403", "Ứng dụng hoặc đối tác không được cấp quyền sử dụng API này."), StatusCodes.Status403Forbidden);
        }

        // Without a token (a profile that sends none) the caller's quota is the connection's own.
        var partner = partnerCode ?? "-";
        if (!quota.TryTake(partner, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return Answer(InsuranceJson.Refusal("429", "Vượt quá số lượng yêu cầu cho phép."), StatusCodes.Status429TooManyRequests);
        }

        var code = context.Request.Query["masobhxh"].ToString();
        if (!SocialInsuranceCode.TryParse(code, out _))
        {
            return Answer(InsuranceJson.Refusal(InsuranceJson.InvalidInput, "Mã số BHXH không hợp lệ."));
        }

        return world.FindInsurance(code) is { } participant
            ? Answer(InsuranceJson.Found(participant))
            : Answer(InsuranceJson.Refusal(InsuranceJson.NotFound, "Không tìm thấy thông tin người tham gia BHXH."));
    }

    private static IResult Answer(JsonObject body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(Json), "application/json; charset=utf-8", Encoding.UTF8, status);
}
