using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Lgsp.Sandbox.Control.Gateway;
using Lgsp.Sandbox.NationalPortal;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// DVCQG's shared catalogues (<c>POST /dvcqg/api/LayDanhMuc</c>, body <c>{"service": …, "madonvi": …}</c>), in every
/// profile of the dossier API, told apart the same way: an <c>Authorization</c> header is the Gateway profile (its
/// token checked), a <c>session</c> in the body is OpenCPS's Service profile (the <c>dstcode</c> header and the
/// session checked, an unknown session HTTP 401), neither is PerCall. Behind the same fault switch. Answers
/// <c>{"error_code": 0, "result": [ … ]}</c>, or <c>{"error_code": -1, "message": …}</c> for an unknown service or a
/// missing <c>madonvi</c>.
/// </summary>
internal static class DvcqgCatalogueApi
{
    public const string Path = NationalPortalApi.ApiPrefix + "LayDanhMuc";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static WebApplication MapDvcqgCatalogueApi(this WebApplication app)
    {
        app.MapPost(Path, ShareAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ShareAsync(HttpContext context, [FromKeyedServices(NationalPortalApi.Source)] GatewayTokens tokens,
        DvcqgSessions sessions, IOptionsMonitor<NationalPortalStandInOptions> options)
    {
        if (context.Request.Headers.Authorization.Count > 0 && Wso2Gateway.Refusal(context, tokens) is { } refusal)
        {
            return refusal;
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return Answer(Error("Dữ liệu gửi lên không đúng định dạng JSON"));
        }

        if (body?["session"] is { } session)
        {
            if (context.Request.Headers["dstcode"].ToString() != options.CurrentValue.DstCode)
            {
                return Answer(Error("dstcode không hợp lệ."));
            }

            if (!sessions.IsOpen(session.GetValueKind() == JsonValueKind.String ? session.GetValue<string>() : null))
            {
                return Answer(Error("Phiên làm việc không hợp lệ hoặc đã hết hạn."), StatusCodes.Status401Unauthorized);
            }
        }

        var service = body?["service"]?.GetValueKind() == JsonValueKind.String ? body["service"]!.GetValue<string>() : null;
        var agency = body?["madonvi"]?.GetValueKind() == JsonValueKind.String ? body["madonvi"]!.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(agency))
        {
            return Answer(Error("Thiếu mã đơn vị (madonvi)"));
        }

        return DvcqgCatalogue.Rows(service) is { } rows
            ? Answer(new JsonObject { ["error_code"] = 0, ["message"] = "Thành công", ["result"] = rows })
            : Answer(Error("Dịch vụ không tồn tại"));
    }

    private static JsonObject Error(string message) => new() { ["error_code"] = -1, ["message"] = message };

    private static IResult Answer(JsonObject body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(Json), "application/json; charset=utf-8", Encoding.UTF8, status);
}
