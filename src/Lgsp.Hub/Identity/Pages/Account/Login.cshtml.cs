using System.ComponentModel.DataAnnotations;
using Lgsp.Hub.Identity.Accounts;
using Lgsp.Hub.Identity.Throttling;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lgsp.Hub.Identity.Pages.Account;

/// <summary>
/// The sign-in page (<c>/account/login</c>): a local account's user name and password, and below it one button per
/// external sign-in (each authentication scheme with a display name, e.g. the national identity provider once it is
/// registered). Antiforgery-protected; wrong passwords are throttled per (user name, address) with a ceiling per user
/// name (<see cref="SignInThrottle"/>).
/// </summary>
internal sealed class LoginModel(AccountSignIn accounts, SignInManager<HubAccount> signInManager) : PageModel
{
    /// <summary>Where an external provider sends the person back; the federation work adds this page.</summary>
    public const string ExternalCallbackPath = "/account/external-login";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public PageText Text { get; private set; } = PageText.Vietnamese;

    public string? Error { get; private set; }

    public IReadOnlyList<AuthenticationScheme> ExternalSchemes { get; private set; } = [];

    public string? SignedInName { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await PrepareAsync();
        SignedInName = User.Identity?.IsAuthenticated == true ? User.Identity.Name : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await PrepareAsync();
        if (!ModelState.IsValid || string.IsNullOrWhiteSpace(Input.UserName) || string.IsNullOrEmpty(Input.Password))
        {
            Error = Text.Required;
            return Page();
        }

        var result = await accounts.PasswordSignInAsync(Input.UserName.Trim().ToLowerInvariant(), Input.Password, SourceAddress.Of(HttpContext));
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        Error = result.IsLockedOut ? Text.LockedOut : result.IsNotAllowed ? Text.NotAllowed : Text.InvalidCredentials;
        Input.Password = string.Empty;
        return Page();
    }

    /// <summary>A button of the external area was pressed: hand the person to that provider.</summary>
    public async Task<IActionResult> OnPostExternalAsync(string provider)
    {
        await PrepareAsync();
        if (!ExternalSchemes.Any(s => s.Name == provider))
        {
            return BadRequest();
        }

        var callback = ExternalCallbackPath + QueryString.Create("returnUrl", SafeReturnUrl());
        return Challenge(signInManager.ConfigureExternalAuthenticationProperties(provider, callback), provider);
    }

    private async Task PrepareAsync()
    {
        Text = PageText.For(HttpContext, ReturnUrl);
        ExternalSchemes = [.. await signInManager.GetExternalAuthenticationSchemesAsync()];
        ViewData["Title"] = Text.SignInTitle;
        ViewData["Text"] = Text;
        var query = new Dictionary<string, string?> { ["lang"] = Text.OtherLanguage };
        if (ReturnUrl is not null)
        {
            query["ReturnUrl"] = ReturnUrl;
        }

        ViewData["LanguageQuery"] = QueryString.Create(query).ToString().TrimStart('?');
    }

    /// <summary>Only back into the hub (the authorization endpoint): never an open redirect.</summary>
    private string SafeReturnUrl() => ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account/login";
}

internal sealed class LoginInput
{
    [Required]
    [StringLength(128)]
    public string UserName { get; set; } = string.Empty;

    [Required]
    [StringLength(512)]
    [DataType(DataType.Password)]
    public string Password { get; set; } = string.Empty;
}
