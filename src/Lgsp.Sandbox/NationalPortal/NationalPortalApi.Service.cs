using System.Text;
using System.Text.Json.Nodes;
using Lgsp.Sandbox.NationalPortal;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The Service profile (OpenCPS): a session from <c>/dvcqg/auth</c>, then every call in one <c>/dvcqg/service</c> envelope.</summary>
internal static partial class NationalPortalApi
{
    /// <summary>OpenCPS's login: <c>{"username","password"}</c> and the <c>dstcode</c> header → <c>{error_code: 0, session}</c>.</summary>
    private static async Task<IResult> LoginAsync(HttpContext context, DvcqgSessions sessions, IOptionsMonitor<NationalPortalStandInOptions> options)
    {
        var o = options.CurrentValue;
        if (context.Request.Headers["dstcode"].ToString() != o.DstCode)
        {
            return ServiceAnswer(-1, "dstcode không hợp lệ.");
        }

        if (await ReadAsync(context) is not JsonObject body
            || DvcqgRules.Text(body, "username") != o.Username || DvcqgRules.Text(body, "password") != o.Password)
        {
            return ServiceAnswer(-1, "Tên đăng nhập hoặc mật khẩu không đúng.");
        }

        var answer = new JsonObject { ["error_code"] = 0, ["message"] = "Đăng nhập thành công.", ["session"] = sessions.Open() };
        return Results.Text(answer.ToJsonString(Json), "application/json; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>
    /// OpenCPS's integration endpoint: <c>{session, madonvi, service, …}</c> with the <c>dstcode</c> header. An unknown
    /// session is HTTP 401 (public code is silent on how DVCQG refuses one; inferred), so the client logs in again.
    /// </summary>
    private static async Task<IResult> ServiceAsync(HttpContext context, DvcqgSessions sessions, DvcqgStore store, IOptionsMonitor<NationalPortalStandInOptions> options)
    {
        if (context.Request.Headers["dstcode"].ToString() != options.CurrentValue.DstCode)
        {
            return ServiceAnswer(-1, "dstcode không hợp lệ.");
        }

        if (await ReadAsync(context) is not JsonObject body)
        {
            return ServiceAnswer(-1, "Dữ liệu phải là một đối tượng JSON.", status: StatusCodes.Status400BadRequest);
        }

        if (!sessions.IsOpen(DvcqgRules.Text(body, "session")))
        {
            return ServiceAnswer(-1, "Phiên làm việc không hợp lệ hoặc đã hết hạn.", status: StatusCodes.Status401Unauthorized);
        }

        if (DvcqgRules.Text(body, "madonvi") is null)
        {
            return ServiceAnswer(-1, "madonvi: bắt buộc.");
        }

        var service = DvcqgRules.Text(body, "service");
        if (service == Lookup)
        {
            if (DvcqgRules.Text(body, "mahoso") is not { } code)
            {
                return ServiceAnswer(-1, "mahoso: bắt buộc.");
            }

            var result = new JsonArray();
            if (store.Find(code) is { } found)
            {
                var data = found.HoSo;
                data["QuaTrinhXuLy"] = new JsonArray([.. found.Rows]);
                result.Add(data);
            }

            return ServiceAnswer(0, "Thành công.", result);
        }

        if (service is not ("DongBoHoSoMC" or "CapNhatTienDoHoSoMC"))
        {
            return ServiceAnswer(-1, $"service {service} không được hỗ trợ.");
        }

        if (body["data"] is not JsonArray array || array.Count == 0 || array.Any(i => i is not JsonObject))
        {
            return ServiceAnswer(-1, "data: phải là một mảng JSON các đối tượng, không rỗng.");
        }

        var op = service == "CapNhatTienDoHoSoMC" ? Progress
            : string.Equals(DvcqgRules.Text(body, "isUpdating"), "True", StringComparison.OrdinalIgnoreCase) ? Update : Create;
        var outcome = Write(store, options.CurrentValue.ProvinceCode, op, [.. array.Select(i => (JsonObject)i!.DeepClone())], localSuffix: true);
        return ServiceAnswer(int.Parse(outcome.ErrorCode, System.Globalization.CultureInfo.InvariantCulture), outcome.Message);
    }

    /// <summary>The Service envelope's answer: a numeric <c>error_code</c> (OpenCPS reads it with <c>getInt</c>), and <c>result</c> for a lookup.</summary>
    private static IResult ServiceAnswer(int errorCode, string message, JsonArray? result = null, int status = StatusCodes.Status200OK)
    {
        var body = new JsonObject { ["error_code"] = errorCode, ["message"] = message };
        if (result is not null)
        {
            body["result"] = result;
        }

        return Results.Text(body.ToJsonString(Json), "application/json; charset=utf-8", Encoding.UTF8, status);
    }
}
