using Microsoft.Extensions.Options;

namespace Lgsp.Sandbox.Insurance;

/// <summary>
/// Which credential profile the BHXH stand-in insists on, switchable at run time (<c>/_sandbox/insurance/profile</c>)
/// so tests cover each profile of the adapter: with <see cref="RequireAccessToken"/> off, a request without
/// <c>lgspaccesstoken</c> is answered (the adapter's <c>None</c> profile); a header that arrives is checked either way.
/// </summary>
internal sealed class InsuranceProfile(IOptions<InsuranceStandInOptions> options)
{
    private volatile bool _requireAccessToken = options.Value.RequireAccessToken;

    public bool RequireAccessToken
    {
        get => _requireAccessToken;
        set => _requireAccessToken = value;
    }
}

/// <summary>The switch as the control API reads and writes it.</summary>
internal sealed record InsuranceProfileBody(bool? RequireAccessToken);
