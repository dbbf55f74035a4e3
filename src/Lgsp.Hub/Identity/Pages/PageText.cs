using System.Web;

namespace Lgsp.Hub.Identity.Pages;

/// <summary>
/// The sign-in pages' words, Vietnamese first with an English switch. The language is, in order: <c>?lang=vi|en</c>
/// (remembered in a cookie), that cookie, the OpenID Connect <c>ui_locales</c> of the authorization request being
/// served, then Vietnamese.
/// </summary>
internal sealed record PageText(
    string Language,
    string OtherLanguage,
    string OtherLanguageName,
    string SiteName,
    string SignInTitle,
    string SignInLead,
    string UserName,
    string Password,
    string SignIn,
    string OfficialsOnly,
    string ExternalHeading,
    string InvalidCredentials,
    string LockedOut,
    string NotAllowed,
    string Required,
    string SignedInAs,
    string SignOut,
    string SignOutTitle,
    string SignOutQuestion,
    string SignedOut,
    string Footer,
    string NationalPortalButton,
    string NationalPortalHint,
    string ExternalTitle,
    string ExternalCancelled,
    string ExternalNoSignIn,
    string ExternalLockedOut,
    string ExternalProblems,
    string ErrorCode,
    string BackToSignIn)
{
    public const string CookieName = "lgsp.lang";

    public static readonly PageText Vietnamese = new(
        Language: "vi",
        OtherLanguage: "en",
        OtherLanguageName: "English",
        SiteName: "Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)",
        SignInTitle: "Đăng nhập",
        SignInLead: "Đăng nhập một lần để sử dụng các dịch vụ của tỉnh.",
        UserName: "Tên đăng nhập",
        Password: "Mật khẩu",
        SignIn: "Đăng nhập",
        OfficialsOnly: "Tài khoản nội bộ dành cho cán bộ, công chức.",
        ExternalHeading: "Hoặc đăng nhập bằng",
        InvalidCredentials: "Tên đăng nhập hoặc mật khẩu không đúng.",
        LockedOut: "Tài khoản tạm thời bị khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau.",
        NotAllowed: "Tài khoản không được phép đăng nhập.",
        Required: "Vui lòng nhập tên đăng nhập và mật khẩu.",
        SignedInAs: "Bạn đang đăng nhập với tên",
        SignOut: "Đăng xuất",
        SignOutTitle: "Đăng xuất",
        SignOutQuestion: "Bạn có muốn đăng xuất khỏi tất cả dịch vụ dùng tài khoản này không?",
        SignedOut: "Bạn đã đăng xuất.",
        Footer: "Ủy ban nhân dân tỉnh — hệ thống thông tin nội bộ",
        NationalPortalButton: "Đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia / VNeID",
        NationalPortalHint: "Dành cho công dân và doanh nghiệp, bằng tài khoản định danh điện tử.",
        ExternalTitle: "Đăng nhập bằng tài khoản quốc gia",
        ExternalCancelled: "Bạn đã hủy đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia / VNeID.",
        ExternalNoSignIn: "Không có phiên đăng nhập bằng tài khoản quốc gia đang chờ xử lý. Vui lòng đăng nhập lại.",
        ExternalLockedOut: "Tài khoản tạm thời bị khóa. Vui lòng thử lại sau hoặc liên hệ quản trị viên.",
        ExternalProblems: "Chi tiết:",
        ErrorCode: "Mã lỗi",
        BackToSignIn: "Quay lại trang đăng nhập");

    public static readonly PageText English = new(
        Language: "en",
        OtherLanguage: "vi",
        OtherLanguageName: "Tiếng Việt",
        SiteName: "Provincial integration and data-sharing platform (LGSP)",
        SignInTitle: "Sign in",
        SignInLead: "Sign in once to use the province's services.",
        UserName: "User name",
        Password: "Password",
        SignIn: "Sign in",
        OfficialsOnly: "Local accounts are for civil servants.",
        ExternalHeading: "Or sign in with",
        InvalidCredentials: "The user name or password is incorrect.",
        LockedOut: "The account is temporarily locked after too many wrong passwords. Please try again later.",
        NotAllowed: "This account is not allowed to sign in.",
        Required: "Please enter your user name and password.",
        SignedInAs: "You are signed in as",
        SignOut: "Sign out",
        SignOutTitle: "Sign out",
        SignOutQuestion: "Do you want to sign out of every service that uses this account?",
        SignedOut: "You have signed out.",
        Footer: "Provincial People's Committee — internal information system",
        NationalPortalButton: "Sign in with your National Public Service Portal / VNeID account",
        NationalPortalHint: "For citizens and businesses, with their electronic identification account.",
        ExternalTitle: "Sign in with a national account",
        ExternalCancelled: "You cancelled signing in with your National Public Service Portal / VNeID account.",
        ExternalNoSignIn: "No national sign-in is waiting to be completed. Please sign in again.",
        ExternalLockedOut: "The account is temporarily locked. Please try again later or contact an administrator.",
        ExternalProblems: "Details:",
        ErrorCode: "Error code",
        BackToSignIn: "Back to sign-in");

    public static PageText For(HttpContext context, string? returnUrl)
    {
        var asked = context.Request.Query["lang"].ToString();
        if (asked is "vi" or "en")
        {
            context.Response.Cookies.Append(CookieName, asked, new CookieOptions
            {
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
            return ByCode(asked);
        }

        if (context.Request.Cookies[CookieName] is "vi" or "en")
        {
            return ByCode(context.Request.Cookies[CookieName]!);
        }

        if (returnUrl is not null && returnUrl.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
        {
            var locales = HttpUtility.ParseQueryString(returnUrl[(q + 1)..])["ui_locales"];
            var first = locales?.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault(l => l.StartsWith("vi", StringComparison.OrdinalIgnoreCase) || l.StartsWith("en", StringComparison.OrdinalIgnoreCase));
            if (first is not null)
            {
                return ByCode(first[..2].ToLowerInvariant());
            }
        }

        return Vietnamese;
    }

    private static PageText ByCode(string code) => code == "en" ? English : Vietnamese;
}
