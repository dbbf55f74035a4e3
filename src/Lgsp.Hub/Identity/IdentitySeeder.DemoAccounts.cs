using Lgsp.Hub.Identity.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Lgsp.Hub.Identity;

/// <summary>The two demo accounts of a development or embedded hub, and the refusal of them anywhere else.</summary>
internal sealed partial class IdentitySeeder
{
    private async Task SeedDemoAccountsAsync(IServiceProvider provider, Dictionary<string, string> secrets, CancellationToken ct)
    {
        var users = provider.GetRequiredService<UserManager<HubAccount>>();
        var roles = provider.GetRequiredService<RoleManager<HubRole>>();
        if (!await roles.RoleExistsAsync(HubScopes.OperatorRole))
        {
            Check(await roles.CreateAsync(new HubRole(HubScopes.OperatorRole)), "create the operator role");
        }

        await SeedDemoAccountAsync(users, DemoOfficialUserName, "Nguyễn Văn An (cán bộ demo)", secrets["LGSP_DEMO_OFFICIAL_PASSWORD"], role: null);
        await SeedDemoAccountAsync(users, DemoOperatorUserName, "Trần Thị Bình (quản trị demo)", secrets["LGSP_DEMO_OPERATOR_PASSWORD"], HubScopes.OperatorRole);
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// A production hub never seeds the demo accounts, and does not start on a database a development hub seeded them
    /// in: their passwords were derived from a development seed that may sit on any developer's disk.
    /// </summary>
    private static async Task RefuseDemoAccountsAsync(IServiceProvider provider)
    {
        var users = provider.GetRequiredService<UserManager<HubAccount>>();
        var found = new List<string>();
        foreach (var userName in new[] { DemoOfficialUserName, DemoOperatorUserName })
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                found.Add(userName);
            }
        }

        if (found.Count > 0)
        {
            throw new InvalidOperationException(
                $"Identity: the demo accounts {string.Join(", ", found)} exist in this database (a development hub made them); a production hub does not start with them. Delete them.");
        }
    }

    private async Task SeedDemoAccountAsync(UserManager<HubAccount> users, string userName, string displayName, string password, string? role)
    {
        var account = await users.FindByNameAsync(userName);
        if (account is null)
        {
            account = new HubAccount
            {
                UserName = userName,
                DisplayName = displayName,
                Kind = AccountKind.Official,
                AgencyCode = DemoAgencyCode,
                CreatedAt = time.GetUtcNow(),
            };
            Check(await users.CreateAsync(account, password), $"create the demo account {userName}");
            LogDemoAccount(logger, userName, "created");
        }
        else if (!await users.CheckPasswordAsync(account, password))
        {
            // The seed was replaced: the derived password changed; keep the account, follow the seed.
            Check(await users.RemovePasswordAsync(account), $"reset the demo account {userName}");
            Check(await users.AddPasswordAsync(account, password), $"reset the demo account {userName}");
            LogDemoAccount(logger, userName, "password reset to the development seed's");
        }

        if (role is not null && !await users.IsInRoleAsync(account, role))
        {
            Check(await users.AddToRoleAsync(account, role), $"give {userName} the role {role}");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Identity: could not {what}: {string.Join("; ", result.Errors.Select(e => e.Code))}");
        }
    }
}
