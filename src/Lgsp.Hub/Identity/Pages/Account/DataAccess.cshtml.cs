using Lgsp.Hub.DataAccess;
using Lgsp.Hub.Identity.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lgsp.Hub.Identity.Pages.Account;

/// <summary>
/// <c>/account/data-access</c>: the signed-in person's own report of who read his records (the same report as
/// <c>GET /api/v1/me/data-access</c>), in the hub's session: a person not signed in is sent to the sign-in page, where
/// citizens sign in with the national login. Found by the account's personal id, never one the request names.
/// </summary>
[Authorize]
internal sealed class DataAccessModel(UserManager<HubAccount> users, DataAccessReport report) : PageModel
{
    public const int PageSize = 20;

    public PageText Text { get; private set; } = PageText.Vietnamese;

    public bool Vietnamese => Text.Language == "vi";

    public string Name { get; private set; } = "";

    /// <summary>Null when the account has no personal id (a local official's account, say).</summary>
    public DataAccessPage? Report { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int Pages => Report is null ? 0 : Math.Max(1, (Report.Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        Text = PageText.For(HttpContext, null);
        ViewData["Text"] = Text;
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        Name = account.DisplayName;
        PageNumber = Math.Clamp(page ?? 1, 1, 1_000_000);
        if (account.PersonalId is { Length: > 0 } personalId)
        {
            Report = await report.ReadAsync(report.SubjectHashes(personalId, account.EnterpriseCode), PageNumber, PageSize, ct);
        }

        return Page();
    }

    /// <summary><c>?handler=csv</c>: every read (up to the report's largest page), as the API's CSV.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var account = await users.GetUserAsync(User);
        if (account?.PersonalId is not { Length: > 0 } personalId)
        {
            return Challenge();
        }

        var all = await report.ReadAsync(report.SubjectHashes(personalId, account.EnterpriseCode), 1, DataAccessReport.MaxPageSize, ct);
        return File(DataAccessCsv.Write(all), DataAccessCsv.ContentType, "truy-cap-du-lieu.csv");
    }

    public string When(DataAccessEntry entry) =>
        entry.At.ToOffset(Lgsp.Core.Time.VietnamTime.Offset).ToString(Vietnamese ? "dd/MM/yyyy HH:mm" : "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public string Outcome(DataAccessEntry entry) => entry.Outcome == "ok"
        ? (Vietnamese ? "Đã trả dữ liệu" : "Data returned")
        : (Vietnamese ? "Không trả dữ liệu" : "No data returned") + $" ({entry.Outcome})";

    public string T(string vi, string en) => Vietnamese ? vi : en;
}
