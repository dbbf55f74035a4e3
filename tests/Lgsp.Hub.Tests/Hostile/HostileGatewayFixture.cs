using Lgsp.Adapters.Contract;
using Lgsp.Hub.Tests.Gateway;

namespace Lgsp.Hub.Tests.Hostile;

/// <summary>
/// The gateway fixture with the failed-client-authentication throttle set past what a run sends: every hostile input
/// comes from one loopback address, and a locked address would hold the suite's own valid token requests for the
/// lockout (the throttle itself is <c>ClientAuthThrottleTests</c>' subject; a 429 it gave would still satisfy the
/// invariant).
/// </summary>
public sealed class HostileGatewayFixture : GatewayFixture
{
    protected override IDictionary<string, string?> AdapterSettings(SandboxFixture sandbox)
    {
        var settings = base.AdapterSettings(sandbox);
        settings["Identity:ClientAuthThrottle:MaxFailuresPerAddress"] = "10000";
        settings["Identity:ClientAuthThrottle:MaxFailuresPerClient"] = "10000";
        return settings;
    }
}
