using System.Globalization;
using Lgsp.Core.Time;

namespace Lgsp.Adapters.ProvincialPortal;

/// <summary>
/// The one-stop system's dates: Vietnam local time without an offset (<c>yyyy-MM-ddTHH:mm:ss</c>), as its
/// <c>DateTime</c> columns hold them. The hub's instants are turned to +07:00 first, never to the server's zone.
/// </summary>
internal static class MotCuaDates
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss";

    public static string? Write(DateTimeOffset? value) =>
        value?.ToOffset(VietnamTime.Offset).ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryRead(string? text, out DateTimeOffset value)
    {
        if (DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            value = new DateTimeOffset(local, VietnamTime.Offset);
            return true;
        }

        value = default;
        return false;
    }
}
