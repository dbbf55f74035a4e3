using Lgsp.Core.Errors;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lgsp.Hub.Identity.Pages.Account;

/// <summary>
/// <c>/account/admin-assurance</c>: where the <c>error_uri</c> of a refused <c>lgsp.admin</c> points
/// (<see cref="AdminRefusal"/>). Says to the person, Vietnamese first, that the operators' rights need a sign-in at a
/// higher level of assurance than the one made, and how to get it (VNeID at that level, on a linked account). Reads
/// only the two levels from the address (bounded to the levels the hub knows); nothing about the person.
/// </summary>
internal sealed class AdminAssuranceModel : PageModel
{
    public PageText Text { get; private set; } = PageText.Vietnamese;

    public string Title { get; private set; } = string.Empty;

    public string Message { get; private set; } = string.Empty;

    public string Detail { get; private set; } = string.Empty;

    public string Code => ErrorCatalogue.AssuranceTooLow.Code;

    public void OnGet(int? level, int? minimum)
    {
        Text = PageText.For(HttpContext, null);
        var english = Text.Language == "en";
        var needed = Math.Clamp(minimum ?? AssuranceLevels.Substantial, AssuranceLevels.Low, AssuranceLevels.Substantial);
        var reached = Math.Clamp(level ?? AssuranceLevels.Low, AssuranceLevels.Low, AssuranceLevels.Substantial);
        Title = english ? "The sign-in's level of assurance is too low" : "Mức độ xác thực của lần đăng nhập chưa đủ";
        Message = english ? ErrorCatalogue.AssuranceTooLow.MessageEn : ErrorCatalogue.AssuranceTooLow.MessageVi;
        Detail = english
            ? $"The operators' rights (lgsp.admin) need a sign-in at level of assurance {needed} or higher: sign in with the national login (VNeID level {needed}) "
              + $"on an account linked to yours. This sign-in is at level {reached} (a password of the hub is level 1). Nothing was granted."
            : $"Quyền quản trị của người vận hành (lgsp.admin) cần đăng nhập ở mức độ xác thực {needed} trở lên: hãy đăng nhập bằng tài khoản định danh điện tử "
              + $"(VNeID mức {needed}) đã liên kết với tài khoản của bạn. Lần đăng nhập này chỉ đạt mức {reached} (mật khẩu của trục là mức 1). Chưa có quyền nào được cấp.";
        ViewData["Title"] = Title;
        ViewData["Text"] = Text;
        ViewData["LanguageQuery"] = QueryString.Create(new Dictionary<string, string?>
        {
            ["lang"] = Text.OtherLanguage,
            ["level"] = reached.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["minimum"] = needed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ToString().TrimStart('?');
        Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
