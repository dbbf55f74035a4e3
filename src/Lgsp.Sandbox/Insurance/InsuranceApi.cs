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
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The social-insurance database (CSDL BHXH) as the LGSP's BHXH connection exposes it:
/// <c>GET /apiBHXH/1.0/traCuuThongTinBHXH?masobhxh=</c>, every request signed with the partner's access key and an
/// HMAC-SHA256 over the canonical request. 401 for bad credentials, a bad or stale signature or a replay; 403 when
/// the app or partner is not the one the key was issued to (no permission for the API); 429 with
/// <c>Retry-After</c> when the partner's quota is used up. See the sandbox README.
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
        services.AddSingleton<RequestSignatures>();
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
        app.MapGet(ApiPath, LookUpAsync);
        return app;
    }

    private static async Task<IResult> LookUpAsync(
        HttpContext context, RequestSignatures signatures, PartnerQuota quota, IOptions<InsuranceStandInOptions> options, SyntheticWorld world)
    {
        if (await signatures.VerifyAsync(context.Request, context.RequestAborted) is { } why)
        {
            context.Response.Headers.WWWAuthenticate = RequestSignatures.Scheme;
            return Answer(InsuranceJson.Refusal("401", why), StatusCodes.Status401Unauthorized);
        }

        // Authentic: now is this app of this partner allowed to call the API?
        var settings = options.Value;
        var partner = context.Request.Headers[RequestSignatures.PartnerCodeHeader].ToString();
        if (partner != settings.PartnerCode || context.Request.Headers[RequestSignatures.AppNameHeader] != settings.AppName)
        {
            return Answer(InsuranceJson.Refusal("403", "Ứng dụng hoặc đối tác không được cấp quyền sử dụng API này."), StatusCodes.Status403Forbidden);
        }

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
