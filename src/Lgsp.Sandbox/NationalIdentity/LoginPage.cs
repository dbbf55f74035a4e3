using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Primitives;

namespace Lgsp.Sandbox.NationalIdentity;

/// <summary>What the login page shows: the pending request, what was typed, and what was wrong with it.</summary>
internal sealed record LoginModel(
    string ReturnUrl,
    IReadOnlyDictionary<string, StringValues> Request,
    string Login,
    string? Error,
    string? InvalidField,
    string? ClientName,
    int? RequiredLevel,
    string AntiforgeryField,
    string AntiforgeryToken);

/// <summary>
/// The provider's pages, in Vietnamese, as plain HTML: labelled fields, the error announced (<c>role="alert"</c>)
/// and tied to its field, no script. Every value is HTML-encoded; Vietnamese letters are written as they are.
/// </summary>
internal static class LoginPage
{
    /// <summary>JSON for userinfo: Vietnamese letters as they are, not <c>\u</c> escapes.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.General)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = """
        body{font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif;margin:0;background:#f3f4f6;color:#111827}
        header{background:#b91c1c;color:#fff;padding:1rem 1.5rem}
        header p{margin:.25rem 0 0;font-size:.9rem}
        main{max-width:28rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
        label{display:block;font-weight:600;margin-top:1rem}
        input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.6rem;margin-top:.3rem;font-size:1rem;border:1px solid #6b7280;border-radius:.25rem}
        input[aria-invalid=true]{border-color:#b91c1c;border-width:2px}
        .hint{font-size:.85rem;color:#374151;margin:.25rem 0 0}
        .error{background:#fef2f2;border:1px solid #b91c1c;color:#7f1d1d;padding:.75rem;border-radius:.25rem;margin-top:1rem}
        .actions{display:flex;gap:.75rem;margin-top:1.5rem}
        button{font-size:1rem;padding:.6rem 1.2rem;border-radius:.25rem;cursor:pointer}
        button.primary{background:#b91c1c;color:#fff;border:0}
        button.secondary{background:#fff;color:#111827;border:1px solid #6b7280}
        :focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
        footer{max-width:28rem;margin:0 auto 2rem;font-size:.8rem;color:#374151}
        """;

    public static IResult Form(LoginModel model, int statusCode = StatusCodes.Status200OK)
    {
        var body = new StringBuilder();
        body.Append("<h2 id=\"tieu-de\">Đăng nhập</h2>");
        if (model.ClientName is not null)
        {
            body.Append("<p>Dịch vụ yêu cầu đăng nhập: <strong>").Append(E(model.ClientName)).Append("</strong></p>");
        }

        if (model.RequiredLevel is { } level)
        {
            body.Append("<p>Mức độ xác thực yêu cầu: <strong>LoA").Append(level).Append("</strong></p>");
        }

        if (model.Error is not null)
        {
            body.Append("<div class=\"error\" role=\"alert\" id=\"loi-dang-nhap\">").Append(E(model.Error)).Append("</div>");
        }

        var userInvalid = model.InvalidField == "username";
        var passwordInvalid = model.InvalidField == "password";
        body.Append("<form method=\"post\" action=\"").Append(E(NationalIdentityPaths.Login)).Append("\" aria-labelledby=\"tieu-de\">")
            .Append(Hidden(model.AntiforgeryField, model.AntiforgeryToken))
            .Append(Hidden("ReturnUrl", model.ReturnUrl))
            .Append("<label for=\"username\">Số định danh cá nhân / Mã số doanh nghiệp</label>")
            .Append("<input type=\"text\" id=\"username\" name=\"username\" inputmode=\"numeric\" autocomplete=\"username\" required")
            .Append(" aria-describedby=\"username-hint").Append(userInvalid ? " loi-dang-nhap\" aria-invalid=\"true\" autofocus" : "\"")
            .Append(" value=\"").Append(E(model.Login)).Append("\">")
            .Append("<p class=\"hint\" id=\"username-hint\">Công dân: số CCCD 12 chữ số. Doanh nghiệp: mã số doanh nghiệp 10 chữ số.</p>")
            .Append("<label for=\"password\">Mật khẩu</label>")
            .Append("<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required")
            .Append(passwordInvalid ? " aria-describedby=\"loi-dang-nhap\" aria-invalid=\"true\" autofocus" : "").Append('>')
            .Append("<div class=\"actions\"><button type=\"submit\" class=\"primary\">Đăng nhập</button></div>")
            .Append("</form>");

        // Cancelling goes back through the authorization endpoint, which answers the service with access_denied.
        body.Append("<form method=\"post\" action=\"").Append(E(NationalIdentityPaths.Authorize)).Append("\">")
            .Append(Hidden(model.AntiforgeryField, model.AntiforgeryToken));
        foreach (var (name, values) in model.Request)
        {
            foreach (var value in values)
            {
                body.Append(Hidden(name, value ?? ""));
            }
        }

        body.Append("<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"cancel\" class=\"secondary\">Hủy và quay lại dịch vụ</button></div>")
            .Append("</form>");
        return Page("Đăng nhập – Cổng Dịch vụ công quốc gia (thử nghiệm)", body.ToString(), statusCode);
    }

    public static IResult Message(string title, string text, int statusCode) =>
        Page(title, $"<h2>{E(title)}</h2><p role=\"status\">{E(text)}</p>", statusCode);

    /// <summary>A request the provider refuses to redirect (unknown client, unregistered redirect URI…), with OpenIddict's own words.</summary>
    public static IResult ProtocolError(string error, string? description) =>
        Page("Yêu cầu đăng nhập không hợp lệ",
            "<h2>Yêu cầu đăng nhập không hợp lệ</h2>" +
            "<div class=\"error\" role=\"alert\"><p>Dịch vụ đã gửi một yêu cầu đăng nhập mà hệ thống không chấp nhận. Vui lòng liên hệ đơn vị quản lý dịch vụ đó.</p>" +
            $"<p lang=\"en\">Error: <code id=\"ma-loi\">{E(error)}</code>{(description is null ? "" : " – " + E(description))}</p></div>",
            StatusCodes.Status400BadRequest);

    private static IResult Page(string title, string body, int statusCode) =>
        Results.Content(
            "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{E(title)}</title><style>{Style}</style></head><body>" +
            "<header><h1 style=\"margin:0;font-size:1.3rem\">Hệ thống xác thực – Cổng Dịch vụ công quốc gia / VNeID</h1>" +
            "<p>Môi trường thử nghiệm: mọi tài khoản đều là dữ liệu giả lập. <span lang=\"en\">(Sandbox stand-in; all accounts are synthetic.)</span></p></header>" +
            $"<main>{body}</main>" +
            "<footer>Danh sách tài khoản thử nghiệm và mật khẩu chung: <a href=\"/_sandbox/demo\">/_sandbox/demo</a>.</footer>" +
            "</body></html>",
            "text/html; charset=utf-8", Encoding.UTF8, statusCode);

    private static string Hidden(string name, string value) => $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">";

    private static string E(string text) => Html.Encode(text);
}
