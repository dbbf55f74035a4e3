using System.Text.Json;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Secrets;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Insurance.Signing;

/// <summary>The LGSP's BHXH connection credentials (DOMAIN.md §3.4). <see cref="SecretKey"/> never leaves the signer.</summary>
internal sealed record PartnerCredentials(string AppName, string AccessKey, string SecretKey, string PartnerCode)
{
    // Records print every member; this one must never print the secret.
    public override string ToString() => $"PartnerCredentials {{ AppName = {AppName}, AccessKey = {AccessKey}, PartnerCode = {PartnerCode} }}";
}

/// <summary>
/// Reads the credentials from the secret <see cref="UpstreamOptions.CredentialsSecret"/> names, at each request (so a
/// rotated secret is picked up at once): <c>{"appName":"…","accessKey":"…","secretKey":"…","partnerCode":"…"}</c>.
/// A missing or unreadable secret is <c>hub.internal</c> naming the variable, never showing its value.
/// </summary>
internal sealed class InsuranceCredentials(IOptionsMonitor<UpstreamOptions> options, IUpstreamSecrets secrets)
{
    private const string Shape = "{\"appName\":\"…\",\"accessKey\":\"…\",\"secretKey\":\"…\",\"partnerCode\":\"…\"}";

    public PartnerCredentials Read()
    {
        var name = options.Get(SourceNames.Insurance).CredentialsSecret
            ?? throw new LgspException(ErrorCatalogue.Internal, "Adapters:insurance:CredentialsSecret is not set.");
        var json = secrets.Read(name)
            ?? throw new LgspException(ErrorCatalogue.Internal, $"The secret '{name}' holding the social-insurance credentials is not set.");
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && Member(root, "appName") is { } app
                && Member(root, "accessKey") is { } accessKey
                && Member(root, "secretKey") is { } secretKey
                && Member(root, "partnerCode") is { } partner)
            {
                return new PartnerCredentials(app, accessKey, secretKey, partner);
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

        throw new LgspException(ErrorCatalogue.Internal, $"The secret '{name}' is not {Shape}.");
    }

    private static string? Member(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } text ? text : null;
}
