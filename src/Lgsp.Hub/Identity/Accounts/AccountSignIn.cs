using System.Globalization;
using System.Security.Claims;
using Lgsp.Hub.Identity.Throttling;
using Microsoft.AspNetCore.Identity;

namespace Lgsp.Hub.Identity.Accounts;

/// <summary>
/// Opens the hub's sign-in session (the Identity cookie) for an account, recording how the person proved who they
/// are: the authorization endpoint reads that session to issue tokens. The local password form uses it, and so does
/// any other way of signing in (the national identity provider's callback): call
/// <see cref="SignInAsync"/> with the account, the methods (<c>amr</c>) and the level the method proves, then
/// redirect to the <c>ReturnUrl</c> (after checking it is local).
/// </summary>
internal sealed class AccountSignIn(SignInManager<HubAccount> signInManager, SignInThrottle throttle, TimeProvider time)
{
    /// <summary>RFC 8176: a password.</summary>
    public const string Password = "pwd";

    /// <summary>
    /// Signs <paramref name="account"/> in. The session's <c>acr</c> is the lower of <paramref name="methodLevel"/> and
    /// the account's own <see cref="HubAccount.AssuranceLevel"/>: a strong sign-in does not vouch for an identity that
    /// was never verified.
    /// </summary>
    public async Task SignInAsync(HubAccount account, IReadOnlyCollection<string> methods, int methodLevel, bool persistent = false)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(methods);
        var now = time.GetUtcNow();
        var level = Math.Clamp(Math.Min(methodLevel, account.AssuranceLevel), AssuranceLevels.Low, AssuranceLevels.High);
        var claims = methods.Select(m => new Claim(HubClaims.Amr, m))
            .Append(new Claim(HubClaims.Acr, AssuranceLevels.ToAcr(level)))
            .Append(new Claim(HubClaims.AuthTime, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64))
            .ToList();

        account.LastSignInAt = now;
        await signInManager.UserManager.UpdateAsync(account);
        await signInManager.SignInWithClaimsAsync(account, persistent, claims);
    }

    /// <summary>
    /// Checks a local password and, when right, signs the account in. Wrong passwords count per (user name,
    /// <paramref name="source"/>) and per user name (<see cref="SignInThrottle"/>), not in the account's own lockout
    /// columns: a locked pair or ceiling is answered <see cref="SignInResult.LockedOut"/> without checking the password.
    /// </summary>
    public async Task<SignInResult> PasswordSignInAsync(string userName, string password, string source)
    {
        if (throttle.IsLocked(userName, source))
        {
            return SignInResult.LockedOut;
        }

        var account = await signInManager.UserManager.FindByNameAsync(userName);
        if (account is null)
        {
            // Same work as a wrong password, so response times do not tell which user names exist.
            signInManager.UserManager.PasswordHasher.HashPassword(new HubAccount { DisplayName = string.Empty }, password);
            throttle.Failed(userName, source, accountId: null);
            return SignInResult.Failed;
        }

        // An administrator's lock (LockoutEnd) is still honoured here; failures are not written to the account.
        var result = await signInManager.CheckPasswordSignInAsync(account, password, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.Succeeded(userName, source);
            await SignInAsync(account, [Password], AssuranceLevels.Low);
        }
        else if (!result.IsLockedOut && !result.IsNotAllowed)
        {
            throttle.Failed(userName, source, account.Id);
        }

        return result;
    }
}
