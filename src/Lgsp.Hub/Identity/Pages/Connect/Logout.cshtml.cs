using System.Security.Claims;
using Lgsp.Hub.Identity.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lgsp.Hub.Identity.Pages.Connect;

/// <summary>
/// The end-session endpoint (<c>/connect/logout</c>, RP-initiated logout). OpenIddict has already checked the
/// request: an <c>id_token_hint</c> must be a token this hub issued, and a <c>post_logout_redirect_uri</c> must be one
/// the client registered. With a valid hint the person is signed out at once; without one the page asks first (a
/// bare link, or a hint that is forged or names someone else, must not sign people out). Then the browser goes back to the client's post-logout URI.
/// Signing out also ends refresh-token families, or a client would go on refreshing for a person who has left:
/// when the hub's session ends, every authorization of that person and its tokens are revoked; a valid hint without
/// the session (a portal's back end, another browser) revokes only the authorization the hint was issued under.
/// </summary>
internal sealed partial class LogoutModel(
    SignInManager<HubAccount> signInManager,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    ILogger<LogoutModel> logger) : PageModel
{
    public PageText Text { get; private set; } = PageText.Vietnamese;

    /// <summary>The logout request's parameters, carried through the confirmation form.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Prepare();
        var request = HttpContext.GetOpenIddictServerRequest();
        if (request is null)
        {
            // Reached without the OpenID Connect pipeline (cannot happen on the mapped route); nothing to do.
            return Page();
        }

        // OpenIddict ignores (does not reject) an id_token_hint it cannot validate; only one it validated, naming the
        // person signed in here, logs out without asking.
        var hint = (await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var session = User.Identity?.IsAuthenticated == true ? signInManager.UserManager.GetUserId(User) : null;
        if (!string.IsNullOrEmpty(request.IdTokenHint) && hint?.FindFirst(Claims.Subject)?.Value is { } subject
            && (session is null || session == subject))
        {
            return await SignOutEverywhereAsync(session, hint);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Prepare();
        var session = User.Identity?.IsAuthenticated == true ? signInManager.UserManager.GetUserId(User) : null;
        var hint = (await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        return await SignOutEverywhereAsync(session, hint?.FindFirst(Claims.Subject)?.Value == session ? hint : null);
    }

    private async Task<IActionResult> SignOutEverywhereAsync(string? session, ClaimsPrincipal? hint)
    {
        await signInManager.SignOutAsync();
        await RevokeAsync(session, hint?.GetAuthorizationId());

        // OpenIddict redirects to the validated post_logout_redirect_uri (with state), or else to RedirectUri.
        return SignOut(new AuthenticationProperties { RedirectUri = "/account/login?signedout=1" }, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Revokes the person's authorizations and tokens when the session ends, else the hint's authorization.</summary>
    private async Task RevokeAsync(string? session, string? hintAuthorization)
    {
        var cancellation = HttpContext.RequestAborted;
        if (session is not null)
        {
            var revokedAuthorizations = await authorizations.RevokeBySubjectAsync(session, cancellation);
            var revokedTokens = await tokens.RevokeBySubjectAsync(session, cancellation);
            LogRevoked(logger, session, revokedAuthorizations, revokedTokens);
        }
        else if (hintAuthorization is not null && await authorizations.FindByIdAsync(hintAuthorization, cancellation) is { } authorization)
        {
            var revokedTokens = await tokens.RevokeByAuthorizationIdAsync(hintAuthorization, cancellation);
            var revoked = await authorizations.TryRevokeAsync(authorization, cancellation);
            LogRevoked(logger, await authorizations.GetSubjectAsync(authorization, cancellation) ?? string.Empty, revoked ? 1 : 0, revokedTokens);
        }
    }

    // The account id only (never a name or personal id), as every identity log line.
    [LoggerMessage(EventId = 1320, Level = LogLevel.Information, Message = "Sign-out of account {AccountId}: {Authorizations} authorization(s) and {Tokens} token(s) revoked")]
    private static partial void LogRevoked(ILogger logger, string accountId, long authorizations, long tokens);

    private void Prepare()
    {
        Text = PageText.For(HttpContext, returnUrl: null);
        ViewData["Title"] = Text.SignOutTitle;
        ViewData["Text"] = Text;
        var request = HttpContext.GetOpenIddictServerRequest();
        Parameters = request is null
            ? []
            : [.. request.GetParameters()
                .Where(p => p.Key != "lang" && p.Key != "__RequestVerificationToken")
                .Select(p => KeyValuePair.Create(p.Key, p.Value.ToString() ?? string.Empty))];
        ViewData["LanguageQuery"] = QueryString.Create(Parameters.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))
            .Append(KeyValuePair.Create("lang", (string?)Text.OtherLanguage))).ToString().TrimStart('?');
    }
}
