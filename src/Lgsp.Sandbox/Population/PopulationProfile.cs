using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Lgsp.Sandbox.Population;

/// <summary>What the population stand-in insists a caller shows, beyond the integration code every call carries.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PopulationCredentialsRequired>))]
internal enum PopulationCredentialsRequired
{
    /// <summary>Nothing more (a credential that arrives is still checked).</summary>
    None,

    /// <summary>The partner's <c>lgspaccesstoken</c>.</summary>
    LgspAccessToken,

    /// <summary>The partner's <c>lgspaccesstoken</c> and the officer's <c>AuthHash</c>.</summary>
    LgspAccessTokenAndAuthHash,
}

/// <summary>
/// The population stand-in's profile, switchable at run time (<c>/_sandbox/population/profile</c>) so tests cover every
/// profile of the adapter over HTTP: which credentials are required, and whether answers are signed.
/// </summary>
internal sealed class PopulationProfile(IOptions<PopulationStandInOptions> options)
{
    private readonly Lock _lock = new();
    private PopulationProfileBody _current = new(options.Value.RequireCredentials, options.Value.SignAnswers);

    public PopulationProfileBody Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    public PopulationProfileBody Change(PopulationProfileBody change)
    {
        lock (_lock)
        {
            _current = new PopulationProfileBody(change.RequireCredentials ?? _current.RequireCredentials, change.SignAnswers ?? _current.SignAnswers);
            return _current;
        }
    }
}

/// <summary>The switch as the control API reads and writes it (absent members stay as they are).</summary>
internal sealed record PopulationProfileBody(PopulationCredentialsRequired? RequireCredentials, bool? SignAnswers);

/// <summary>
/// The officers' accounts of the population service, as OpenCPS keeps them per officer (<c>CsdlDcUser</c>: user name,
/// key name, key password): the service receives <c>AuthHash</c> = Base64 of <c>keyName:keyPass</c> and the
/// account's user name as <c>MaCanBo</c>. Synthetic development accounts; they protect nothing but synthetic data.
/// </summary>
internal static class PopulationOfficers
{
    public const string HeaderName = "AuthHash";

    public static readonly IReadOnlyList<OfficerAccount> Development =
    [
        new("CB-0042", "sandbox-officer-0042", "sandbox-officer-0042-pass-NOT-A-SECRET"),
        new("CB-0077", "sandbox-officer-0077", "sandbox-officer-0077-pass-NOT-A-SECRET"),
    ];

    /// <summary>The account whose key name and password the header carries, or null (not Base64, no colon, unknown, wrong password).</summary>
    public static OfficerAccount? Find(string header)
    {
        var buffer = new byte[header.Length];
        if (!Convert.TryFromBase64String(header.Trim(), buffer, out var written))
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var (name, pass) = (text[..colon], text[(colon + 1)..]);
        return Development.FirstOrDefault(a => a.KeyName == name
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a.KeyPass), Encoding.UTF8.GetBytes(pass)));
    }
}

internal sealed record OfficerAccount(string UserName, string KeyName, string KeyPass);
