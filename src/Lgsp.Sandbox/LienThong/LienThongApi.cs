using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Lgsp.Sandbox.Control.Faults;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.LienThong;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The national portal's liên thông API (DVCLT: birth and death registrations submitted on DVCQG / VNeID, pulled by
/// the province), as the public .NET one-stop system calls it: <c>POST /dvclt/api/token</c>, then with the bearer
/// token the list, the dossier by id (attachments in base64), the acknowledgement (<c>daNhan</c>) and the statuses.
/// Tests add pending dossiers and read what happened at <c>/_sandbox/dvclt/…</c>. See the sandbox README.
/// </summary>
internal static class LienThongApi
{
    public const string Source = "dvclt";
    public const string Prefix = "/dvclt";
    public const string ApiPrefix = Prefix + "/api/lienthongdvclt/";
    public const string UserName = "lgsp-lienthong";
    public const string Password = "sandbox-dvclt-password-NOT-A-SECRET";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
    private static readonly HashSet<string> Tokens = [];
    private static readonly Lock Gate = new();

    public static IServiceCollection AddLienThongStandIn(this IServiceCollection services)
    {
        services.AddSingleton(sp => new LienThongStore(sp.GetRequiredService<SyntheticWorld>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AckFault>();
        services.AddSingleton(new StandIn
        {
            Source = Source,
            Paths = [Prefix + "/"],
            FaultPaths = [ApiPrefix],
            NaturalLatency = (40, 200),
            MalformedBody = "{\"data\":[{\"id\":\"lt-",
        });
        return services;
    }

    public static WebApplication MapLienThongApi(this WebApplication app)
    {
        app.MapPost(Prefix + "/api/token", async (HttpContext context) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            if (body?["userName"]?.GetValue<string>() != UserName || body["password"]?.GetValue<string>() != Password)
            {
                return Results.Json(new { message = "Tên đăng nhập hoặc mật khẩu không đúng" }, Json, statusCode: 401);
            }

            var token = Guid.NewGuid().ToString("N");
            lock (Gate)
            {
                Tokens.Add(token);
            }

            return Results.Json(new { token, refreshToken = Guid.NewGuid().ToString("N"), refreshTokenExpiryTime = "2099-01-01T00:00:00" }, Json);
        });

        app.MapGet(ApiPrefix + "hosolienthong", (HttpContext context, LienThongStore store) => Authorized(context) ?? Results.Json(new
        {
            data = store.Pending().Select(e => new
            {
                id = e.Id,
                maDonVi = int.Parse(e.MaDonVi, CultureInfo.InvariantCulture),
                maTTHC = e.MaTthc,
                module = e.Module,
                maHoSo = e.Code,
                ngayTiepNhan = e.NgayTiepNhan.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture),
                techId = "vneid-" + e.Id,
            }),
        }, Json));

        app.MapGet(ApiPrefix + "hosolienthong/{id}", (HttpContext context, string id, LienThongStore store) =>
        {
            if (Authorized(context) is { } refused)
            {
                return refused;
            }

            if (store.Fetch(id) is not { } e)
            {
                return Results.Json(new { data = (object?)null, message = "Không tìm thấy hồ sơ" }, Json, statusCode: 404);
            }

            // As the public caller reads it: data.data is the dossier as JSON text, the record XML in its own data.
            var inner = new
            {
                maDonVi = int.Parse(e.MaDonVi, CultureInfo.InvariantCulture),
                maTTHC = e.MaTthc,
                module = e.Module,
                maHoSo = e.Code,
                ngayTiepNhan = e.NgayTiepNhan.ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture),
                techId = "vneid-" + e.Id,
                data = e.Xml,
                fileDinhKem = e.Files.Select(f => new
                {
                    id = f.Id,
                    loaiGiayTo = f.Type,
                    tenGiayTo = f.Name,
                    tenTepDinhKem = f.FileName,
                    huyGiayTo = 0,
                    duLieuTepDinhKem = Convert.ToBase64String(f.Content),
                }),
            };
            return Results.Json(new { data = new { id = e.Id, maHoSo = e.Code, module = e.Module, data = JsonSerializer.Serialize(inner, Json) } }, Json);
        });

        app.MapPut(ApiPrefix + "hosolienthong/danhan", async (HttpContext context, LienThongStore store, AckFault fault) =>
        {
            if (Authorized(context) is { } refused)
            {
                return refused;
            }

            var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            var code = body?["maHoSo"]?.GetValue<string>();
            var mode = fault.Take();
            if (mode == "error")
            {
                return Results.Json(new { message = "Lỗi hệ thống" }, Json, statusCode: 503);
            }

            if (code is null || body?["daNhan"]?.GetValue<bool>() != true || !store.Acknowledge(code))
            {
                return Results.Json(new { message = "Hồ sơ không tồn tại" }, Json);
            }

            if (mode == "lostanswer")
            {
                context.Abort(); // the acknowledgement took effect; its answer never leaves
                return Results.Empty;
            }

            return Results.Json(new { message = "Cập nhật thành công" }, Json);
        });

        app.MapPost(ApiPrefix + "capnhattrangthai", async (HttpContext context, LienThongStore store) =>
        {
            if (Authorized(context) is { } refused)
            {
                return refused;
            }

            var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            var code = body?["soHoSoLT"]?.GetValue<string>();
            var local = body?["maHoSo"]?.GetValue<string>() ?? "";
            var at = body?["thoiGianThucHien"]?.GetValue<string>() ?? "";
            if (body?["trangThai"] is not JsonValue status || !status.TryGetValue<int>(out var trangThai) || trangThai is < 1 or > 7)
            {
                return Results.Text("Logic xử lý không hợp lệ", "text/plain; charset=utf-8");
            }

            return code is not null && store.AddStatus(code, local, trangThai, at)
                ? Results.Text("Cập nhật trạng thái thành công", "text/plain; charset=utf-8")
                : Results.Text("Hồ sơ không tồn tại", "text/plain; charset=utf-8");
        });

        var control = app.MapGroup("/_sandbox/dvclt");
        control.MapPost("/pending", (PendingRequest? request, LienThongStore store) =>
            Results.Json(new { maHoSo = store.Add(request?.Births ?? 1, request?.Deaths ?? 0) }, Json));
        control.MapGet("/received", (LienThongStore store) => Results.Json(store.Summary(), Json));
        control.MapDelete("/received", (LienThongStore store) =>
        {
            store.Clear();
            return Results.NoContent();
        });
        control.MapPut("/ack-fault", (AckFaultRequest request, AckFault fault) =>
        {
            if (request.Mode is not ("error" or "lostanswer") || request.Count is < 1)
            {
                return Results.Json(new { errors = new[] { "mode is error or lostanswer; count ≥ 1" } }, Json, statusCode: 400);
            }

            fault.Set(request.Mode, request.Count ?? 1);
            return Results.NoContent();
        });
        return app;
    }

    private static IResult? Authorized(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        lock (Gate)
        {
            return header.StartsWith("Bearer ", StringComparison.Ordinal) && Tokens.Contains(header[7..])
                ? null
                : Results.Json(new { message = "Phiên đăng nhập không hợp lệ" }, Json, statusCode: 401);
        }
    }

    internal sealed record PendingRequest(int? Births, int? Deaths);

    internal sealed record AckFaultRequest(string Mode, int? Count);

    /// <summary>A fault on the acknowledgement alone: <c>error</c> (503, nothing recorded) or <c>lostanswer</c> (recorded, answer dropped), the next <c>count</c> calls.</summary>
    internal sealed class AckFault
    {
        private readonly Lock _gate = new();
        private string? _mode;
        private int _left;

        public void Set(string mode, int count)
        {
            lock (_gate)
            {
                (_mode, _left) = (mode, count);
            }
        }

        public string? Take()
        {
            lock (_gate)
            {
                if (_left <= 0)
                {
                    return null;
                }

                _left--;
                return _mode;
            }
        }
    }
}
