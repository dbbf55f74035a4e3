using System.Globalization;

namespace Lgsp.Core.Time;

/// <summary>
/// Vietnam keeps one offset all year (UTC+07:00, no daylight saving), so the hub uses a fixed offset
/// instead of depending on the host's tz database. Everything the hub emits is in +07:00.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>DVCQG's wire format for dates: <c>yyyyMMddHHmmss</c> in Asia/Ho_Chi_Minh.</summary>
    public const string DvcqgFormat = "yyyyMMddHHmmss";

    public static DateTimeOffset Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.GetUtcNow().ToOffset(Offset);
    }

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Now(time).DateTime);

    public static DateTimeOffset ToVietnam(this DateTimeOffset value) => value.ToOffset(Offset);

    public static string ToDvcqg(DateTimeOffset value) =>
        value.ToOffset(Offset).ToString(DvcqgFormat, CultureInfo.InvariantCulture);

    public static bool TryParseDvcqg(string? text, out DateTimeOffset value)
    {
        if (DateTime.TryParseExact(text, DvcqgFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            value = new DateTimeOffset(local, Offset);
            return true;
        }

        value = default;
        return false;
    }
}
