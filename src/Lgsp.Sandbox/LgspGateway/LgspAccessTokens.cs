using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Lgsp.Sandbox.LgspGateway;

/// <summary>The partner an LGSP/NGSP gateway issued credentials to.</summary>
internal sealed record LgspPartner(string AccessKey, string SecretKey, string AppName, string PartnerCode);

/// <summary>What the gateway made of a request's <c>lgspaccesstoken</c> header.</summary>
internal enum LgspTokenVerdict
{
    /// <summary>No header.</summary>
    Absent,

    /// <summary>The partner's access key and secret key, for the app and partner they were issued to.</summary>
    Valid,

    /// <summary>Not Base64, not a JSON object, or a member missing or not a string.</summary>
    Unreadable,

    /// <summary>An access key the gateway never issued, or the wrong secret key for it.</summary>
    BadCredentials,

    /// <summary>Right keys, but for an app or partner code they were not issued to.</summary>
    NotGranted,
}

/// <summary>
/// The check an LGSP/NGSP gateway makes of the <c>lgspaccesstoken</c> header, written from what the public senders put
/// in it (OpenCPS <c>QLCDIntegrationActionImpl</c>): Base64 of the UTF-8 JSON object
/// <c>{"AccessKey","SecretKey","AppName","PartnerCode","PartnerCodeCus"}</c>. Member names are matched exactly as the
/// public senders write them, so a sender that changes their case is refused; <c>PartnerCodeCus</c> is read but not
/// judged (its use is not published). Keys are compared in fixed time.
/// </summary>
internal static class LgspAccessTokens
{
    public const string HeaderName = "lgspaccesstoken";

    private static readonly string[] Required = ["AccessKey", "SecretKey", "AppName", "PartnerCode"];

    public static (LgspTokenVerdict Verdict, string? PartnerCode) Check(HttpRequest request, LgspPartner partner)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(partner);
        var values = request.Headers[HeaderName];
        if (values.Count == 0)
        {
            return (LgspTokenVerdict.Absent, null);
        }

        if (values.Count > 1 || !TryDecode(values.ToString(), out var members))
        {
            return (LgspTokenVerdict.Unreadable, null);
        }

        if (!Same(members["AccessKey"], partner.AccessKey) || !Same(members["SecretKey"], partner.SecretKey))
        {
            return (LgspTokenVerdict.BadCredentials, null);
        }

        return members["AppName"] == partner.AppName && members["PartnerCode"] == partner.PartnerCode
            ? (LgspTokenVerdict.Valid, partner.PartnerCode)
            : (LgspTokenVerdict.NotGranted, null);
    }

    private static bool TryDecode(string header, out Dictionary<string, string> members)
    {
        members = new Dictionary<string, string>(StringComparer.Ordinal);
        var buffer = new byte[header.Length];
        if (!Convert.TryFromBase64String(header.Trim(), buffer, out var written))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, written));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    members[property.Name] = property.Value.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return Required.All(members.ContainsKey);
    }

    private static bool Same(string a, string b) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
