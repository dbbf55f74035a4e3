using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Sandbox.Business;
using Lgsp.Sandbox.Control.Faults;
using Lgsp.Sandbox.Data;

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
        services.AddSingleton<BusinessTokens>();
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
        app.MapPost(TokenPath, IssueToken).DisableAntiforgery();
        app.MapGet(ApiPath, GetEnterprise);
        return app;
    }

    private static async Task<IResult> IssueToken(HttpContext context, BusinessTokens tokens)
    {
        if (!context.Request.HasFormContentType)
        {
            return OAuthError(400, "invalid_request", "Content type must be application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != "client_credentials")
        {
            return OAuthError(400, "unsupported_grant_type", "Unsupported grant_type value");
        }

        // WSO2 takes the client's credentials in HTTP Basic, or as client_id / client_secret in the form.
        var (key, secret) = BasicCredentials(context.Request.Headers.Authorization) ?? (form["client_id"].ToString(), form["client_secret"].ToString());
        if (!tokens.CredentialsMatch(key, secret))
        {
            return OAuthError(401, "invalid_client", "Client Authentication failed.");
        }

        return Results.Json(new { access_token = tokens.Issue(), scope = "am_application_scope default", token_type = "Bearer", expires_in = tokens.Lifetime });
    }

    private static IResult GetEnterprise(HttpContext context, BusinessTokens tokens, SyntheticWorld world)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        switch (tokens.Check(token))
        {
            case TokenState.Unknown:
                return InvalidCredentials(context, "The access token is not valid");
            case TokenState.Expired:
                return InvalidCredentials(context, "The access token expired");
        }

        if (!tokens.TryTakeQuota(out var retryAfter))
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new { fault = new { code = 900802, message = "Message throttled out", description = "You have exceeded your quota" } }, statusCode: 429);
        }

        var msdn = context.Request.Query["msdn"].ToString();
        if (!EnterpriseCode.TryParse(msdn, out _))
        {
            return Registry(BusinessRegistryJson.Refusal(BusinessRegistryJson.InvalidInput, "Mã số doanh nghiệp không hợp lệ"));
        }

        return world.FindEnterprise(msdn) is { } enterprise
            ? Registry(BusinessRegistryJson.Found(enterprise))
            : Registry(BusinessRegistryJson.Refusal(BusinessRegistryJson.NotFound, "Không tìm thấy thông tin doanh nghiệp"));
    }

    private static IResult Registry(JsonObject body) => Results.Text(body.ToJsonString(Json), "application/json; charset=utf-8", Encoding.UTF8);

    private static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new { error_description = description, error }, statusCode: status);

    // WSO2 API Manager's answer to a missing, unknown or expired token.
    private static IResult InvalidCredentials(HttpContext context, string why)
    {
        context.Response.Headers.WWWAuthenticate = $"OAuth2 realm=\"WSO2 API Manager\", error=\"invalid_token\", error_description=\"{why}\"";
        return Results.Json(new
        {
            fault = new
            {
                code = 900901,
                message = "Invalid Credentials",
                description = "Invalid Credentials. Make sure you have provided the correct security credentials",
            },
        }, statusCode: 401);
    }

    private static (string Key, string Secret)? BasicCredentials(string? header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
