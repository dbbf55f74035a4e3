namespace Lgsp.Cli;

/// <summary>
/// What <c>lgsp</c> exits with, so scripts can tell a typo from a refusal from an outage. Stable: scripts and the
/// hub's end-to-end tests depend on these numbers (they are listed in <c>--help</c> and the README).
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad arguments: unknown command or option, a value that does not parse, nothing to change.</summary>
    public const int Usage = 2;

    /// <summary>The hub rejected the request as invalid (400); every problem is listed.</summary>
    public const int Rejected = 3;

    /// <summary>Not authenticated or not allowed (401/403), or the token request was refused, or no secret.</summary>
    public const int Unauthorized = 4;

    /// <summary>No such adapter, dead letter, … (404).</summary>
    public const int NotFound = 5;

    /// <summary>Someone else changed it first (409/412), or the version was missing (428): look at the current version.</summary>
    public const int Conflict = 6;

    /// <summary>The hub could not be reached, failed (5xx) or answered outside its contract.</summary>
    public const int HubUnavailable = 7;

    /// <summary><c>adapters test</c> ran, but the hub could not reach the target.</summary>
    public const int TargetUnreachable = 8;

    /// <summary>The table shown by <c>lgsp --help</c>.</summary>
    internal const string Help = """
        Mã thoát / Exit codes:
          0  thành công / success
          2  sai cú pháp / usage error (bad arguments)
          3  bị từ chối do dữ liệu không hợp lệ / rejected by validation (400)
          4  chưa xác thực hoặc không có quyền / not authenticated or not allowed (401, 403, token refused)
          5  không tìm thấy / not found (404)
          6  xung đột: đã có người khác thay đổi / conflict: someone else changed it (409, 412, 428)
          7  không kết nối được hoặc hub lỗi / hub unreachable or failing (network, 5xx)
          8  'adapters test' chạy nhưng không tới được đích / the test ran but the target was not reachable
        """;

    /// <summary>The exit code for an HTTP error status from the hub.</summary>
    public static int ForStatus(int status) => status switch
    {
        400 or 422 => Rejected,
        401 or 403 => Unauthorized,
        404 => NotFound,
        409 or 412 or 428 => Conflict,
        _ => HubUnavailable,
    };
}
