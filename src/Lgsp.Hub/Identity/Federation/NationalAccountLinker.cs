using System.Security.Cryptography;
using System.Text;
using Lgsp.Core.Errors;
using Lgsp.Hub.Identity.Accounts;
using Lgsp.Hub.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Identity.Federation;

/// <summary>How a national sign-in found its local account.</summary>
internal enum LinkOutcome
{
    /// <summary>An account already linked to this <c>TechID</c>.</summary>
    ByTechId,

    /// <summary>A citizen's first national sign-in matched an account by personal id, now linked.</summary>
    ByPersonalId,

    /// <summary>A business's first national sign-in matched an organization account by enterprise code, now linked.</summary>
    ByEnterpriseCode,

    /// <summary>No account matched: one was created and linked.</summary>
    Created,
}

/// <summary>
/// Finds or makes the local account of a national sign-in, in OpenCPS's order (DOMAIN.md §5): by <c>TechID</c>;
/// else, for a citizen, an account with the personal id (an official or a citizen, never an organization's), for a
/// business, an organization account with the enterprise code; else a new account. A match is linked (its
/// <c>TechId</c> set and the login recorded as provider + <c>TechID</c>), so the next sign-in finds it by
/// <c>TechID</c>. On every sign-in the name and the level are refreshed from the provider, which is the authority
/// on them; a missing personal id or enterprise code is filled in, an existing one never overwritten (it is what
/// the account was matched on).
/// </summary>
internal sealed partial class NationalAccountLinker(
    UserManager<HubAccount> users, HubDbContext db, TimeProvider time, IOptions<NationalPortalOptions> options, ILogger<NationalAccountLinker> logger)
{
    /// <summary>The provider name of the recorded login (<c>identity_account_logins.login_provider</c>).</summary>
    public const string LoginProvider = NationalPortalFederation.ProviderName;

    public async Task<(HubAccount Account, LinkOutcome Outcome)> LinkAsync(NationalPortalProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var (account, outcome) = await FindAsync(profile, cancellationToken);
        if (account is null)
        {
            try
            {
                account = await CreateAsync(profile);
                outcome = LinkOutcome.Created;
            }
            catch (DbUpdateException)
            {
                // A second sign-in of the same person, at the same moment, created it first (unique TechId): forget
                // the insert that lost and take the winner's account.
                db.ChangeTracker.Clear();
                account = await users.Users.FirstOrDefaultAsync(a => a.TechId == profile.TechId, cancellationToken)
                    ?? throw new LgspException(ErrorCatalogue.Conflict, new("Không tạo được tài khoản; hãy đăng nhập lại.", "The account could not be created; try signing in again."));
                outcome = LinkOutcome.ByTechId;
            }
        }

        if (outcome is LinkOutcome.ByPersonalId or LinkOutcome.ByEnterpriseCode)
        {
            account.TechId = profile.TechId;
        }

        Refresh(account, profile);
        Check(await users.UpdateAsync(account));
        await RecordLoginAsync(account, profile.TechId);

        Linked(logger, outcome, account.Id);
        return (account, outcome);
    }

    private async Task<(HubAccount? Account, LinkOutcome Outcome)> FindAsync(NationalPortalProfile profile, CancellationToken cancellationToken)
    {
        if (await users.Users.FirstOrDefaultAsync(a => a.TechId == profile.TechId, cancellationToken) is { } linked)
        {
            return (linked, LinkOutcome.ByTechId);
        }

        var (matches, outcome) = profile.Kind == AccountKind.Citizen
            ? (await users.Users.Where(a => a.PersonalId == profile.PersonalId && a.Kind != AccountKind.Organization).ToListAsync(cancellationToken),
                LinkOutcome.ByPersonalId)
            : (await users.Users.Where(a => a.EnterpriseCode == profile.EnterpriseCode && a.Kind == AccountKind.Organization).ToListAsync(cancellationToken),
                LinkOutcome.ByEnterpriseCode);

        // The oldest first (ordered here: SQLite cannot order by a DateTimeOffset column).
        var candidates = matches.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToList();
        if (candidates.Count == 0)
        {
            return (null, outcome);
        }

        // An account already linked to another national identity is not taken over: that needs a person to look.
        if (candidates.FirstOrDefault(a => a.TechId is null) is { } match)
        {
            await RequireLinkLevelAsync(match, profile, outcome);
            return (match, outcome);
        }

        LinkRefused(logger, outcome);
        throw new LgspException(ErrorCatalogue.Conflict,
            new("Một tài khoản có số định danh hoặc mã số doanh nghiệp này đã được liên kết với một định danh quốc gia khác; quản trị viên của tỉnh cần xử lý.", "An account with this personal id or enterprise code is already linked to another national identity; the province's administrators must resolve it."));
    }

    /// <summary>
    /// An official's or operator's account (an agency, a role) is linked only to a national identity verified to
    /// <see cref="NationalPortalOptions.MinimumLinkLevel"/>: a level-1 VNeID account, whose owner was never checked
    /// against the population database, must not take over an account that can act for the province. Refused before
    /// anything is written.
    /// </summary>
    private async Task RequireLinkLevelAsync(HubAccount account, NationalPortalProfile profile, LinkOutcome outcome)
    {
        var minimum = options.Value.MinimumLinkLevel;
        if (profile.AssuranceLevel >= minimum)
        {
            return;
        }

        if (account.Kind != AccountKind.Official && account.AgencyCode is null && (await users.GetRolesAsync(account)).Count == 0)
        {
            return;
        }

        LinkRefusedForLevel(logger, outcome, account.Id, profile.AssuranceLevel, minimum);
        throw new LgspException(ErrorCatalogue.AssuranceTooLow, new(
            $"Tài khoản định danh điện tử này đạt mức độ xác thực {profile.AssuranceLevel}; để liên kết với tài khoản cán bộ, công chức của tỉnh cần mức {minimum}. "
                + $"Hãy đăng nhập bằng tài khoản VNeID mức {minimum} (tài khoản mức 1 được nâng lên mức 2 trên ứng dụng VNeID hoặc tại cơ quan Công an), rồi đăng nhập lại. Chưa có gì được liên kết.",
            $"This electronic identity account is at level of assurance {profile.AssuranceLevel}; linking it to a provincial official's account needs level {minimum}. "
                + $"Sign in with a VNeID level {minimum} account (a level 1 account is upgraded to level 2 in the VNeID app or at the police), then sign in again. Nothing was linked."));
    }

    private async Task<HubAccount> CreateAsync(NationalPortalProfile profile)
    {
        var account = new HubAccount
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            UserName = UserNameFor(profile.TechId),
            DisplayName = profile.FullName,
            Kind = profile.Kind,
            TechId = profile.TechId,
            CreatedAt = time.GetUtcNow(),
        };
        Refresh(account, profile);

        // No password: the account signs in only through the national provider.
        Check(await users.CreateAsync(account));
        return account;
    }

    /// <summary>The link as provider + <c>TechID</c> (<c>identity_account_logins</c>), once, whoever records it first.</summary>
    private async Task RecordLoginAsync(HubAccount account, string techId)
    {
        if (await users.FindByLoginAsync(LoginProvider, techId) is not null)
        {
            return;
        }

        try
        {
            Check(await users.AddLoginAsync(account, new UserLoginInfo(LoginProvider, techId, NationalPortalFederation.ProviderName)));
        }
        catch (DbUpdateException)
        {
            // A concurrent sign-in of the same person recorded it a moment earlier.
            db.ChangeTracker.Clear();
        }
    }

    private static void Refresh(HubAccount account, NationalPortalProfile profile)
    {
        account.DisplayName = profile.FullName;
        account.AssuranceLevel = profile.AssuranceLevel;
        account.PersonalId ??= profile.PersonalId;
        account.EnterpriseCode ??= profile.EnterpriseCode;
    }

    /// <summary>A stable, opaque user name (the <c>TechID</c> itself is not a valid user name everywhere).</summary>
    internal static string UserNameFor(string techId) =>
        "dvcqg." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(techId)))[..24];

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new LgspException(ErrorCatalogue.Internal, new LocalizedText("Không lưu được tài khoản: " + string.Join(", ", result.Errors.Select(e => e.Code)), "The account could not be saved: " + string.Join(", ", result.Errors.Select(e => e.Code))));
        }
    }

    // The account id only: never the personal id, the name or the TechID.
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "National sign-in linked to account {AccountId} ({Outcome})")]
    private static partial void Linked(ILogger logger, LinkOutcome outcome, Guid accountId);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "National sign-in refused: the matching account ({Outcome}) is linked to another national identity")]
    private static partial void LinkRefused(ILogger logger, LinkOutcome outcome);

    [LoggerMessage(EventId = 5900, Level = LogLevel.Warning, Message = "National sign-in at level {Level} refused: linking it to the official's account {AccountId} ({Outcome}) needs level {Minimum}")]
    private static partial void LinkRefusedForLevel(ILogger logger, LinkOutcome outcome, Guid accountId, int level, int minimum);
}
