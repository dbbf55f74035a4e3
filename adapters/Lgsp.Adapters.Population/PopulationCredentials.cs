using System.Text;
using System.Text.Json;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Secrets;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Population;

/// <summary>What one call sends besides the SOAP body: HTTP headers, and the <c>MaCanBo</c> the officer's account uses.</summary>
internal sealed record CallCredentials(IReadOnlyList<KeyValuePair<string, string>> Headers, string OfficerId)
{
    // The headers hold secrets; a record would print them.
    public override string ToString() => $"CallCredentials {{ Headers = {string.Join(", ", Headers.Select(h => h.Key))} }}";
}

/// <summary>
/// The credentials of a call under <see cref="PopulationOptions.Credentials"/>, read at each call from the secret
/// <c>CredentialsSecret</c> names (a rotated secret applies at once):
/// <c>{"AccessKey","SecretKey","AppName","PartnerCode","PartnerCodeCus", "Officers": {"&lt;officer id&gt;": {"KeyName","KeyPass","UserName"}}}</c>.
/// The partner's become the <c>lgspaccesstoken</c> header; the officer's account (OpenCPS's <c>CsdlDcUser</c>) becomes
/// <c>AuthHash</c> = Base64 of UTF-8 <c>KeyName:KeyPass</c>, and its <c>UserName</c>, when given, is sent as
/// <c>MaCanBo</c> (OpenCPS sends the account's user name). An officer without an account is refused before anything
/// is sent. Nothing here is logged or put in an error.
/// </summary>
internal sealed class PopulationCredentials(IOptionsMonitor<UpstreamOptions> upstream, IUpstreamSecrets secrets)
{
    public const string AuthHashHeader = "AuthHash";

    private const string Source = SourceNames.Population;

    public static readonly FieldError OfficerNotEnrolled = new("officerId", "lookup.officer_not_enrolled",
        "Cán bộ chưa được cấp tài khoản khai thác CSDL quốc gia về dân cư trên hệ thống (AuthHash).",
        "The officer has no population database account (AuthHash) configured in the hub.");

    public CallCredentials For(PopulationCredentialProfile profile, string officerId)
    {
        if (profile == PopulationCredentialProfile.IntegrationCode)
        {
            return new CallCredentials([], officerId);
        }

        var options = upstream.Get(Source);
        JsonElement? officers = null;
        var partner = LgspPartnerCredentials.Read(secrets, options, Source, root =>
        {
            foreach (var property in root.EnumerateObject())
            {
                if (string.Equals(property.Name, "Officers", StringComparison.OrdinalIgnoreCase))
                {
                    officers = property.Value.Clone();
                }
            }
        });
        var headers = new List<KeyValuePair<string, string>> { new(LgspPartnerCredentials.HeaderName, partner.ToHeaderValue()) };
        if (profile != PopulationCredentialProfile.LgspAccessTokenAndAuthHash)
        {
            return new CallCredentials(headers, officerId);
        }

        if (officers is not { ValueKind: JsonValueKind.Object } all)
        {
            throw new LgspException(ErrorCatalogue.Internal, new($"Bí mật '{options.CredentialsSecret}' không có đối tượng Officers mà hồ sơ LgspAccessTokenAndAuthHash cần.", $"The secret '{options.CredentialsSecret}' has no Officers object, which the profile LgspAccessTokenAndAuthHash needs."));
        }

        if (!all.TryGetProperty(officerId, out var account))
        {
            throw PopulationRequestErrors.Refuse(OfficerNotEnrolled);
        }

        string? keyName = null, keyPass = null, userName = null;
        try
        {
            (keyName, keyPass, userName) = account.ValueKind == JsonValueKind.Object
                ? (LgspPartnerCredentials.Member(account, "KeyName"), LgspPartnerCredentials.Member(account, "KeyPass"), LgspPartnerCredentials.Member(account, "UserName"))
                : (null, null, null);
        }
        catch (InvalidOperationException)
        {
            // A member that is not a string: reported below without the value.
        }

        if (keyName is null || keyPass is null || keyName.Contains(':', StringComparison.Ordinal))
        {
            throw new LgspException(ErrorCatalogue.Internal,
                new($"Bí mật '{options.CredentialsSecret}' có một tài khoản cán bộ không có dạng {{\"KeyName\":\"…\",\"KeyPass\":\"…\",\"UserName\":\"…\"}} (KeyName không chứa ':').", $"The secret '{options.CredentialsSecret}' holds an officer account that is not {{\"KeyName\":\"…\",\"KeyPass\":\"…\",\"UserName\":\"…\"}} (KeyName without ':')."));
        }

        headers.Add(new(AuthHashHeader, Convert.ToBase64String(Encoding.UTF8.GetBytes(keyName + ":" + keyPass))));
        return new CallCredentials(headers, userName ?? officerId);
    }
}
