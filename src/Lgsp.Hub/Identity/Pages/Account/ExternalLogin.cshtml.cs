using Lgsp.Core.Errors;
using Lgsp.Hub.Identity.Accounts;
using Lgsp.Hub.Identity.Federation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lgsp.Hub.Identity.Pages.Account;

/// <summary>
/// Where a national sign-in lands (<c>/account/external-login</c>): reads what the national provider said (the
/// external cookie the callback set), links or creates the account (<see cref="NationalAccountLinker"/>), opens the
/// hub's session at the level the provider vouched for, and goes back to <c>returnUrl</c> (the authorization
/// request). When anything went wrong it says what, in the page's language, with the error code.
/// </summary>
internal sealed class ExternalLoginModel(AccountSignIn accounts, NationalAccountLinker linker, UserManager<HubAccount> users) : PageModel
{
    /// <summary>RFC 8176 has no value for "federated"; the hub's sessions say <c>fed</c> for a sign-in at an upstream provider.</summary>
    public const string FederatedMethod = "fed";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true, Name = "error")]
    public string? ErrorKey { get; set; }

    public PageText Text { get; private set; } = PageText.Vietnamese;

    public string Message { get; private set; } = string.Empty;

    public string? Code { get; private set; }

    /// <summary>What happened this time, when the error says more than its catalogue text (e.g. the level needed).</summary>
    public string? Detail { get; private set; }

    public IReadOnlyList<FieldError> Problems { get; private set; } = [];

    public string SignInUrl => "/account/login" + QueryString.Create("ReturnUrl", SafeReturnUrl());

    public async Task<IActionResult> OnGetAsync()
    {
        Text = PageText.For(HttpContext, ReturnUrl);
        ViewData["Title"] = Text.ExternalTitle;
        ViewData["Text"] = Text;
        ViewData["LanguageQuery"] = QueryString.Create(new Dictionary<string, string?>
        {
            ["lang"] = Text.OtherLanguage,
            ["ReturnUrl"] = ReturnUrl,
            ["error"] = ErrorKey,
        }).ToString().TrimStart('?');

        if (ExternalLoginProblems.Parse(ErrorKey) is { } problem)
        {
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            return problem == ExternalLoginProblem.Cancelled
                ? Show(Text.ExternalCancelled, StatusCodes.Status200OK)
                : Show(problem switch
                {
                    ExternalLoginProblem.Unavailable => NationalPortalProfile.Errors.Unavailable,
                    ExternalLoginProblem.BadResponse => NationalPortalProfile.Errors.BadResponse,
                    _ => NationalPortalProfile.Errors.Rejected,
                });
        }

        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (external is not { Succeeded: true, Principal: { } principal }
            || !(external.Properties?.Items.TryGetValue("LoginProvider", out var provider) == true && provider == NationalPortalFederation.ProviderName))
        {
            return Show(Text.ExternalNoSignIn, StatusCodes.Status400BadRequest);
        }

        try
        {
            var profile = NationalPortalProfile.From(principal);
            var (account, _) = await linker.LinkAsync(profile, HttpContext.RequestAborted);
            if (await users.IsLockedOutAsync(account))
            {
                await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
                return Show(Text.ExternalLockedOut, StatusCodes.Status403Forbidden);
            }

            await accounts.SignInAsync(account, [FederatedMethod], profile.AssuranceLevel);
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            return LocalRedirect(SafeReturnUrl());
        }
        catch (LgspException e)
        {
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            Problems = e.FieldErrors;
            Detail = e.Detail?.In(Text.Language == "en");
            return Show(e.Error);
        }
    }

    private PageResult Show(ErrorDescriptor error)
    {
        Code = error.Code;
        return Show(Text.Language == "en" ? error.MessageEn : error.MessageVi, error.HttpStatus);
    }

    private PageResult Show(string message, int status)
    {
        Message = message;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>Only back into the hub (the authorization endpoint): never an open redirect.</summary>
    private string SafeReturnUrl() => ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account/login";
}
