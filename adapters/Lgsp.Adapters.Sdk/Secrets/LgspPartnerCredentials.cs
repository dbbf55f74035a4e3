using System.Text.Encodings.Web;
using System.Text.Json;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.Errors;

namespace Lgsp.Adapters.Sdk.Secrets;

/// <summary>
/// The partner credentials an LGSP/NGSP gateway issues (access key, secret key, app name, partner codes) and the
/// <c>lgspaccesstoken</c> header real integrations send with them: the Base64 of the UTF-8 JSON object
/// <c>{"AccessKey":…,"SecretKey":…,"AppName":…,"PartnerCode":…,"PartnerCodeCus":…}</c>, members in that order and
/// case (OpenCPS builds it so in <c>QLCDIntegrationActionImpl</c> and <c>QLVBIntegrationActionImpl</c>). The secret key
/// travels inside the header, as the gateway expects; it is never logged, put in an error or printed.
/// </summary>
public sealed record LgspPartnerCredentials(string AccessKey, string SecretKey, string AppName, string PartnerCode, string? PartnerCodeCus)
{
    /// <summary>The header's name, as the public senders write it (HTTP header names are case-insensitive).</summary>
    public const string HeaderName = "lgspaccesstoken";

    private const string Shape = "{\"AccessKey\":\"…\",\"SecretKey\":\"…\",\"AppName\":\"…\",\"PartnerCode\":\"…\",\"PartnerCodeCus\":\"…\"}";

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Records print every member; this one must never print the secret.
    public override string ToString() => $"LgspPartnerCredentials {{ AppName = {AppName}, AccessKey = {AccessKey}, PartnerCode = {PartnerCode} }}";

    /// <summary>The header value. <c>PartnerCodeCus</c> is sent empty when the partner has none (OpenCPS sends what its configuration holds).</summary>
    public string ToHeaderValue()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartObject();
            json.WriteString("AccessKey", AccessKey);
            json.WriteString("SecretKey", SecretKey);
            json.WriteString("AppName", AppName);
            json.WriteString("PartnerCode", PartnerCode);
            json.WriteString("PartnerCodeCus", PartnerCodeCus ?? "");
            json.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Reads the credentials from the JSON object in the secret <see cref="UpstreamOptions.CredentialsSecret"/> names, at
    /// each use (a rotated secret applies at once). Members are matched without regard to case (<c>AccessKey</c> or
    /// <c>accessKey</c>); <c>PartnerCodeCus</c> is optional. <paramref name="more"/> reads an adapter's own members of
    /// the same object while it is open. A missing or unreadable secret is <c>hub.internal</c> naming the secret, never
    /// showing its value.
    /// </summary>
    public static LgspPartnerCredentials Read(IUpstreamSecrets secrets, UpstreamOptions options, string source, Action<JsonElement>? more = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(options);
        var name = options.CredentialsSecret
            ?? throw new LgspException(ErrorCatalogue.Internal, new($"Chưa đặt {UpstreamOptions.SectionFor(source)}:CredentialsSecret.", $"{UpstreamOptions.SectionFor(source)}:CredentialsSecret is not set."));
        var json = secrets.Read(name)
            ?? throw new LgspException(ErrorCatalogue.Internal, new($"Chưa có bí mật '{name}' chứa thông tin xác thực đối tác LGSP của '{source}'.", $"The secret '{name}' holding the LGSP partner credentials of '{source}' is not set."));
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && Member(root, "AccessKey") is { } accessKey
                && Member(root, "SecretKey") is { } secretKey
                && Member(root, "AppName") is { } appName
                && Member(root, "PartnerCode") is { } partnerCode)
            {
                var credentials = new LgspPartnerCredentials(accessKey, secretKey, appName, partnerCode, Member(root, "PartnerCodeCus"));
                more?.Invoke(root);
                return credentials;
            }
        }
        catch (JsonException)
        {
            // Reported below without the value, which may be (part of) the secret.
        }
        catch (InvalidOperationException)
        {
            // A member that is not a string: same.
        }

        throw new LgspException(ErrorCatalogue.Internal, new($"Bí mật '{name}' không có dạng {Shape}.", $"The secret '{name}' is not {Shape}."));
    }

    /// <summary>A string member, its name matched without regard to case; null when absent or empty.</summary>
    public static string? Member(JsonElement parent, string name)
    {
        foreach (var property in parent.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.GetString() is { Length: > 0 } text ? text : null;
            }
        }

        return null;
    }
}
