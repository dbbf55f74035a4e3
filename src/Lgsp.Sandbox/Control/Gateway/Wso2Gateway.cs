using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Lgsp.Sandbox.Control.Gateway;

/// <summary>
/// The answers of a WSO2 API Manager gateway (NGSP, LGSPs; DOMAIN.md §7) that stand-ins behind one share: the
/// client-credentials token endpoint, and the refusals of a missing, unknown or expired token and of throttling.
/// </summary>
internal static class Wso2Gateway
{
    /// <summary>
    /// <c>POST …/token</c>, form <c>grant_type=client_credentials</c>, the client's key and secret in HTTP Basic (or as
    /// <c>client_id</c>/<c>client_secret</c> in the form) → <c>{access_token, scope, token_type, expires_in}</c>.
    /// </summary>
    public static async Task<IResult> IssueTokenAsync(HttpContext context, GatewayTokens tokens)
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

        var (key, secret) = BasicCredentials(context.Request.Headers.Authorization) ?? (form["client_id"].ToString(), form["client_secret"].ToString());
        if (!tokens.CredentialsMatch(key, secret))
        {
            return OAuthError(401, "invalid_client", "Client Authentication failed.");
        }

        return Results.Json(new { access_token = tokens.Issue(), scope = "am_application_scope default", token_type = "Bearer", expires_in = tokens.Lifetime });
    }

    /// <summary>The gateway's checks on an API call: a valid bearer token, then the tier's quota. Null when the call may pass.</summary>
    public static IResult? Refusal(HttpContext context, GatewayTokens tokens)
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
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return Results.Json(new { fault = new { code = 900802, message = "Message throttled out", description = "You have exceeded your quota" } }, statusCode: 429);
        }

        return null;
    }

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
