using System.Globalization;

namespace Lgsp.Cli.Output;

/// <summary>
/// The operators' clock: Asia/Ho_Chi_Minh from the machine's time-zone data, or, on a machine without it (a slim
/// container), the fixed +07:00 the hub itself uses (Vietnam keeps one offset all year, no daylight saving).
/// </summary>
internal static class VietnamTime
{
    public const string ZoneId = "Asia/Ho_Chi_Minh";

    public static readonly TimeSpan FixedOffset = TimeSpan.FromHours(7);

    public static TimeZoneInfo Zone { get; } = Resolve(ZoneId);

    /// <summary>The zone <paramref name="id"/> names, or fixed +07:00 when this machine has no such zone.</summary>
    internal static TimeZoneInfo Resolve(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
        ? zone
        : TimeZoneInfo.CreateCustomTimeZone(ZoneId, FixedOffset, "Giờ Việt Nam (UTC+07:00)", "ICT");

    /// <summary><paramref name="at"/> in <paramref name="zone"/>, to the second, with the offset.</summary>
    internal static string Format(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    /// <summary><paramref name="at"/> in Vietnam's time, to the second, with the offset: <c>2026-12-07 22:13:50 +07:00</c>.</summary>
    public static string Format(DateTimeOffset at) => Format(at, Zone);
}
