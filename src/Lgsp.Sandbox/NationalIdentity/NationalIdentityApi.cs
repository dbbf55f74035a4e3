using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Sandbox.NationalIdentity;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The stand-in national identity provider's pages and the endpoints OpenIddict hands over after validating the
/// protocol: authorization (session check, login, levels), userinfo (the DVCQG profile), end-session.
/// Discovery, JWKS, token and introspection are answered by OpenIddict itself.
/// </summary>
internal static partial class NationalIdentityApi
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    private const string AuthTimeClaim = Claims.AuthenticationTime;

    // Parameters the login page adds to a form posted back to the authorization endpoint, never part of the request.
    private static readonly HashSet<string> PageFields = new(StringComparer.Ordinal) { AntiforgeryField, "action" };

    /// <summary>
    /// The error pages, then OpenIddict (inside the authentication middleware), then the endpoints. The fault
    /// switches (<c>UseFaultSwitches</c>) sit in front of all of it.
    /// </summary>
    public static WebApplication MapNationalIdentityApi(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(NationalIdentityOptions.PathBase, StringComparison.OrdinalIgnoreCase),
            branch => branch.UseStatusCodePages(ShowRefusalAsync));
        app.UseAuthentication();

        app.MapMethods(NationalIdentityPaths.Authorize, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        app.MapGet(NationalIdentityPaths.Login, ShowLoginAsync);
        app.MapPost(NationalIdentityPaths.Login, SubmitLoginAsync);
        app.MapMethods(NationalIdentityPaths.UserInfo, [HttpMethods.Get, HttpMethods.Post], UserInfoAsync);
        app.MapMethods(NationalIdentityPaths.Logout, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionAsync);
        app.MapGet(NationalIdentityPaths.LoggedOut, () => LoginPage.Message("Bạn đã đăng xuất", "Phiên đăng nhập của bạn đã kết thúc.", StatusCodes.Status200OK));
        return app;
    }

    /// <summary>
    /// A request OpenIddict refused at the authorization or end-session endpoint without a redirect it can trust
    /// (unknown client, unregistered redirect URI): the person gets a page, never a redirect. Refusals it can send
    /// back to the client (no PKCE, say) are redirects and never get here; other empty error responses stay as they are.
    /// </summary>
    private static async Task ShowRefusalAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        if (context.GetOpenIddictServerResponse() is { Error: not null } refused && context.Response.StatusCode == StatusCodes.Status400BadRequest
            && (context.Request.Path.StartsWithSegments(NationalIdentityPaths.Authorize, StringComparison.OrdinalIgnoreCase)
                || context.Request.Path.StartsWithSegments(NationalIdentityPaths.Logout, StringComparison.OrdinalIgnoreCase)))
        {
            RequestRefused(context.RequestServices.GetRequiredService<ILogger<NationalAccounts>>(), refused.Error);
            await LoginPage.ProtocolError(refused.Error, refused.ErrorDescription).ExecuteAsync(context);
        }
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, NationalAccounts accounts, IAntiforgery antiforgery,
        TimeProvider time, ILogger<NationalAccounts> logger)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not hand over an authorization request.");

        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType
            && (await context.Request.ReadFormAsync(context.RequestAborted))["action"] == "cancel")
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return LoginPage.Message("Phiên làm việc đã hết hạn", "Vui lòng bắt đầu lại từ dịch vụ bạn đang dùng.", StatusCodes.Status400BadRequest);
            }

            SignInCancelled(logger, request.ClientId ?? "");
            return Refuse(Errors.AccessDenied, "The user cancelled the sign-in.");
        }

        var required = AssuranceLevels.Required(request.AcrValues);
        if (required > (int)AssuranceLevel.LoA2)
        {
            return Refuse("unmet_authentication_requirements", $"No account can reach LoA{required}; the highest level is LoA2.");
        }

        var session = await context.AuthenticateAsync(NationalIdentityServiceCollectionExtensions.SessionScheme);
        var account = session.Principal?.FindFirst(Claims.Subject)?.Value is { } subject ? accounts.FindBySubject(subject) : null;
        var authTime = session.Principal?.FindFirst(AuthTimeClaim)?.Value is { } text
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : (long?)null;

        var mustSignIn = account is null || authTime is null
            || request.HasPromptValue(PromptValues.Login)
            || !AssuranceLevels.Meets(account.Level, required)
            || (request.MaxAge is { } maxAge && time.GetUtcNow().ToUnixTimeSeconds() - authTime > maxAge);
        if (mustSignIn)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The user must sign in at the identity provider.");
            }

            // Back to this endpoint after the login, without what forced the login (or it would loop).
            var returnUrl = NationalIdentityPaths.Authorize + QueryString.Create(request.GetParameters()
                .Where(p => !PageFields.Contains(p.Key) && p.Key is not (Parameters.Prompt or Parameters.MaxAge))
                .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)));
            return Results.Redirect(NationalIdentityPaths.Login + QueryString.Create("ReturnUrl", returnUrl));
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account!.Subject);
        identity.AddClaims(DvcqgClaims.IdentityClaims(account));
        identity.SetClaim(Claims.AuthenticationContextReference, AssuranceLevels.Name(account.Level));
        identity.SetClaim(AuthTimeClaim, authTime!.Value);
        identity.SetClaims(Claims.AuthenticationMethodReference, ["pwd"]);
        identity.SetScopes(request.GetScopes());

        // The identity claims travel in the id_token only; the access token (encrypted, opaque to the client)
        // needs nothing but the subject, which OpenIddict always puts there.
        identity.SetDestinations(claim => claim.Type == Claims.Subject
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.IdentityToken]);

        SignedIn(logger, request.ClientId ?? "", (int)account.Kind, AssuranceLevels.Name(account.Level));
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> ShowLoginAsync(HttpContext context, IAntiforgery antiforgery, IOpenIddictApplicationManager applications, string? returnUrl)
    {
        if (!TryReadReturnUrl(returnUrl, out var query))
        {
            return LoginPage.Message("Không có yêu cầu đăng nhập", "Hãy bắt đầu đăng nhập từ dịch vụ bạn muốn dùng.", StatusCodes.Status400BadRequest);
        }

        return LoginPage.Form(await LoginModelAsync(context, antiforgery, applications, returnUrl!, query, login: "", error: null, invalidField: null));
    }

    private static async Task<IResult> SubmitLoginAsync(HttpContext context, IAntiforgery antiforgery, IOpenIddictApplicationManager applications,
        NationalAccounts accounts, IOptions<NationalIdentityOptions> options, TimeProvider time, ILogger<NationalAccounts> logger)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string? returnUrl = form["ReturnUrl"];
        if (!TryReadReturnUrl(returnUrl, out var query))
        {
            return LoginPage.Message("Không có yêu cầu đăng nhập", "Hãy bắt đầu đăng nhập từ dịch vụ bạn muốn dùng.", StatusCodes.Status400BadRequest);
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return LoginPage.Message("Phiên làm việc đã hết hạn", "Vui lòng tải lại trang đăng nhập và thử lại.", StatusCodes.Status400BadRequest);
        }

        var login = (form["username"].ToString() ?? "").Trim();
        var password = form["password"].ToString() ?? "";
        var (account, error, field) = Check(login, password);
        var required = AssuranceLevels.Required(query.TryGetValue(Parameters.AcrValues, out var acr) ? acr.ToString() : null);
        if (account is not null && !AssuranceLevels.Meets(account.Level, required))
        {
            // The stand-in cannot step an account up (the real one would ask for the VNeID app): refuse it here,
            // so the person can try another account or cancel, which answers the service with access_denied.
            error = $"Tài khoản này đạt mức độ xác thực {AssuranceLevels.Name(account.Level)}; dịch vụ yêu cầu LoA{required}. " +
                "Hãy nâng cấp tài khoản định danh điện tử lên mức 2 hoặc dùng tài khoản khác.";
            (account, field) = (null, "username");
        }

        if (account is null)
        {
            LoginFailed(logger, field ?? "");
            return LoginPage.Form(await LoginModelAsync(context, antiforgery, applications, returnUrl!, query, login, error, field), StatusCodes.Status200OK);
        }

        var session = new ClaimsIdentity(NationalIdentityServiceCollectionExtensions.SessionScheme);
        session.AddClaim(new Claim(Claims.Subject, account.Subject));
        session.AddClaim(new Claim(AuthTimeClaim, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        await context.SignInAsync(NationalIdentityServiceCollectionExtensions.SessionScheme, new ClaimsPrincipal(session));
        return Results.LocalRedirect(returnUrl!);

        (NationalAccount? Account, string? Error, string? Field) Check(string login, string password)
        {
            if (login.Length == 0)
            {
                return (null, "Vui lòng nhập số định danh cá nhân hoặc mã số doanh nghiệp.", "username");
            }

            // The format first, with the hub's own rules, so a typo gets a precise message rather than "not found".
            FieldError? formatError = null;
            var wellFormed = login.Length == 12
                ? PersonalId.TryParse(login, out _, out formatError)
                : login.Length == 10 ? EnterpriseCode.TryParse(login, out _, out formatError) : false;
            if (!wellFormed)
            {
                return (null, formatError?.MessageVi ?? "Nhập số định danh cá nhân (12 chữ số) hoặc mã số doanh nghiệp (10 chữ số).", "username");
            }

            if (accounts.FindByLogin(login) is not { } found)
            {
                return (null, "Không tìm thấy tài khoản với số định danh hoặc mã số doanh nghiệp này.", "username");
            }

            if (password.Length == 0)
            {
                return (null, "Vui lòng nhập mật khẩu.", "password");
            }

            var expected = Encoding.UTF8.GetBytes(options.Value.DemoPassword);
            var given = Encoding.UTF8.GetBytes(password);
            return CryptographicOperations.FixedTimeEquals(expected, given)
                ? (found, null, null)
                : (null, "Mật khẩu không đúng.", "password");
        }
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context, NationalAccounts accounts)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal?.GetClaim(Claims.Subject) is not { } subject || accounts.FindBySubject(subject) is not { } account)
        {
            return Results.Challenge(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The access token does not belong to an account.",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        return Results.Json(DvcqgClaims.UserInfo(account), LoginPage.Json);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext context)
    {
        await context.SignOutAsync(NationalIdentityServiceCollectionExtensions.SessionScheme);

        // OpenIddict sends the browser to a registered post_logout_redirect_uri when there is one, here otherwise.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = NationalIdentityPaths.LoggedOut }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>Only a path to this provider's own authorization endpoint: the login page is not an open redirector.</summary>
    private static bool TryReadReturnUrl(string? returnUrl, out Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query)
    {
        query = [];
        if (returnUrl is null || !returnUrl.StartsWith(NationalIdentityPaths.Authorize + "?", StringComparison.Ordinal) || returnUrl.Contains('#', StringComparison.Ordinal))
        {
            return false;
        }

        query = QueryHelpers.ParseQuery(returnUrl[NationalIdentityPaths.Authorize.Length..]);
        return true;
    }

    private static async Task<LoginModel> LoginModelAsync(HttpContext context, IAntiforgery antiforgery, IOpenIddictApplicationManager applications,
        string returnUrl, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string login, string? error, string? invalidField)
    {
        var clientName = query.TryGetValue(Parameters.ClientId, out var clientId)
            && await applications.FindByClientIdAsync(clientId.ToString(), context.RequestAborted) is { } application
            ? await applications.GetLocalizedDisplayNameAsync(application, CultureInfo.GetCultureInfo("vi-VN"), context.RequestAborted)
            : null;
        var required = AssuranceLevels.Required(query.TryGetValue(Parameters.AcrValues, out var acr) ? acr.ToString() : null);
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new LoginModel(returnUrl, query, login, error, invalidField, clientName, required, tokens.FormFieldName, tokens.RequestToken ?? "");
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "National identity stand-in: client {ClientId} signed in an account of type {AccountType} at {Level}")]
    private static partial void SignedIn(ILogger logger, string clientId, int accountType, string level);

    // Which field was wrong, never what was typed: a personal id is personal data.
    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "National identity stand-in: login refused ({Field})")]
    private static partial void LoginFailed(ILogger logger, string field);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "National identity stand-in: the user cancelled the sign-in for client {ClientId}")]
    private static partial void SignInCancelled(ILogger logger, string clientId);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning, Message = "National identity stand-in: request refused with {Error}")]
    private static partial void RequestRefused(ILogger logger, string error);
}
