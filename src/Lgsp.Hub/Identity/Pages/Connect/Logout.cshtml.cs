using Lgsp.Hub.Identity.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Lgsp.Hub.Identity.Pages.Connect;

/// <summary>
/// The end-session endpoint (<c>/connect/logout</c>, RP-initiated logout). OpenIddict has already checked the
/// request: an <c>id_token_hint</c> must be a token this hub issued, and a <c>post_logout_redirect_uri</c> must be one
/// the client registered. With a valid hint the person is signed out at once; without one the page asks first (a
/// bare link, or a hint that is forged or names someone else, must not sign people out). Then the browser goes back to the client's post-logout URI.
/// </summary>
internal sealed class LogoutModel(SignInManager<HubAccount> signInManager) : PageModel
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
        if (!string.IsNullOrEmpty(request.IdTokenHint) && hint?.FindFirst(OpenIddictConstants.Claims.Subject)?.Value is { } subject
            && (session is null || session == subject))
        {
            return await SignOutEverywhereAsync();
        }

        return Page();
    }

    public Task<IActionResult> OnPostAsync()
    {
        Prepare();
        return SignOutEverywhereAsync();
    }

    private async Task<IActionResult> SignOutEverywhereAsync()
    {
        await signInManager.SignOutAsync();

        // OpenIddict redirects to the validated post_logout_redirect_uri (with state), or else to RedirectUri.
        return SignOut(new AuthenticationProperties { RedirectUri = "/account/login?signedout=1" }, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

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
