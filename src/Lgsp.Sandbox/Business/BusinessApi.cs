using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Sandbox.Business;
using Lgsp.Sandbox.Control.Faults;
using Lgsp.Sandbox.Control.Gateway;
using Lgsp.Sandbox.Data;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The national business registry behind the NGSP gateway (WSO2 API Manager): <c>POST /token</c> (client
/// credentials, consumer key and secret in HTTP Basic) and <c>GET /apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=</c>
/// with the bearer token. See the sandbox README for the answers it gives.
/// </summary>
internal static class BusinessApi
{
    public const string TokenPath = "/token";
    public const string ApiPath = "/apiCSDLDKDN/1.0/chiTietDoanhNghiep";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static IServiceCollection AddBusinessStandIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<BusinessStandInOptions>()
            .Bind(configuration.GetSection(BusinessStandInOptions.SectionName))
            .ValidateDataAnnotations();
        services.AddSingleton(sp => new BusinessProfiles(sp.GetRequiredService<IOptions<BusinessStandInOptions>>().Value.Profile));
        services.AddKeyedSingleton(SourceNames.Business, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<BusinessStandInOptions>>();
            return new GatewayTokens(() => options.CurrentValue.Tier, sp.GetRequiredService<TimeProvider>());
        });
        // The gateway's token endpoint keeps answering when the registry behind it is faulted.
        services.AddSingleton(new StandIn
        {
            Source = SourceNames.Business,
            Paths = [TokenPath, "/apiCSDLDKDN/"],
            FaultPaths = ["/apiCSDLDKDN/"],
            NaturalLatency = (10, 40),
        });
        return services;
    }

    public static WebApplication MapBusinessApi(this WebApplication app)
    {
        app.MapPost(TokenPath, ([FromKeyedServices(SourceNames.Business)] GatewayTokens tokens, HttpContext context) => Wso2Gateway.IssueTokenAsync(context, tokens))
            .DisableAntiforgery();
        app.MapGet(ApiPath, GetEnterprise);
        // The control switch tests flip: which answer shape the registry speaks (NgspData or ResultCode).
        app.MapGet(BusinessProfiles.ControlPath, (BusinessProfiles profiles) => Results.Json(new { profile = profiles.Current }));
        app.MapPut(BusinessProfiles.ControlPath, (BusinessProfiles profiles, ProfileChange change) =>
            profiles.TrySet(change.Profile)
                ? Results.Json(new { profile = profiles.Current })
                : Results.Problem($"profile must be one of {string.Join(", ", BusinessProfiles.All)}", statusCode: StatusCodes.Status400BadRequest))
            .DisableAntiforgery();
        return app;
    }

    private static IResult GetEnterprise(
        HttpContext context, [FromKeyedServices(SourceNames.Business)] GatewayTokens tokens, SyntheticWorld world, BusinessProfiles profiles)
    {
        if (Wso2Gateway.Refusal(context, tokens) is { } refusal)
        {
            return refusal;
        }

        var msdn = context.Request.Query["msdn"].ToString();
        if (!EnterpriseCode.TryParse(msdn, out _))
        {
            return Registry(BusinessRegistryJson.Refusal(BusinessRegistryJson.InvalidInput, "Mã số doanh nghiệp không hợp lệ"));
        }

        var enterprise = world.FindEnterprise(msdn);
        if (profiles.Current == BusinessProfiles.NgspData)
        {
            return Registry(enterprise is null ? BusinessRegistryJson.NotFoundWithoutResultCode() : BusinessRegistryJson.FoundWithoutResultCode(enterprise));
        }

        return enterprise is not null
            ? Registry(BusinessRegistryJson.Found(enterprise))
            : Registry(BusinessRegistryJson.Refusal(BusinessRegistryJson.NotFound, "Không tìm thấy thông tin doanh nghiệp"));
    }

    private sealed record ProfileChange(string? Profile);

    private static IResult Registry(JsonObject body) => Results.Text(body.ToJsonString(Json), "application/json; charset=utf-8", Encoding.UTF8);
}
