using System.Net;
using System.Net.Sockets;

namespace Lgsp.Hub.Identity.Throttling;

/// <summary>
/// The source a failure is counted against: the caller's address as the forwarded-headers middleware resolved it
/// (the client's, behind a proxy named in <c>ForwardedHeaders:KnownProxies</c>; the connection's otherwise). IPv6
/// addresses count by their /64 network, what one subscriber usually holds, or a single host could change address
/// at every attempt.
/// </summary>
internal static class SourceAddress
{
    public const string Unknown = "unknown";

    public static string Of(HttpContext? http)
    {
        var address = http?.Connection.RemoteIpAddress;
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
