using System.Text.Json;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.Errors;

namespace Lgsp.Adapters.Sdk.Secrets;

/// <summary>
/// A source's credentials as a pair read from the JSON object in the secret <see cref="UpstreamOptions.CredentialsSecret"/>
/// names (e.g. <c>{"clientId":"…","clientSecret":"…"}</c>), read at each use so a rotated secret is picked up. A missing
/// or unreadable secret is <c>hub.internal</c> naming the setting or the secret, never showing a value.
/// </summary>
public static class UpstreamCredentials
{
    public static (string Id, string Secret) ReadPair(IUpstreamSecrets secrets, UpstreamOptions options, string source, string idMember, string secretMember)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(options);
        var name = options.CredentialsSecret
            ?? throw new LgspException(ErrorCatalogue.Internal, new($"Chưa đặt {UpstreamOptions.SectionFor(source)}:CredentialsSecret.", $"{UpstreamOptions.SectionFor(source)}:CredentialsSecret is not set."));
        var json = secrets.Read(name)
            ?? throw new LgspException(ErrorCatalogue.Internal, new($"Chưa có bí mật '{name}' chứa thông tin xác thực của '{source}'.", $"The secret '{name}' holding the credentials of '{source}' is not set."));
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty(idMember, out var id) && id.GetString() is { Length: > 0 } i
                && root.TryGetProperty(secretMember, out var secret) && secret.GetString() is { Length: > 0 } s)
            {
                return (i, s);
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

        throw new LgspException(ErrorCatalogue.Internal, new($"Bí mật '{name}' không có dạng {{\"{idMember}\":\"…\",\"{secretMember}\":\"…\"}}.", $"The secret '{name}' is not {{\"{idMember}\":\"…\",\"{secretMember}\":\"…\"}}."));
    }
}
