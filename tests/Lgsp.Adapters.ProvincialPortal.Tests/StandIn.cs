using Lgsp.Adapters.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.ProvincialPortal.Tests;

/// <summary>The provincial one-stop stand-in of the sandbox, with its development account.</summary>
internal static class StandIn
{
    public static readonly PortalStandIn Provincial = new(
        "provincial", "motcua/", "LGSP_TEST_PROVINCIAL_CREDENTIALS",
        "{\"username\":\"lgsp-dongbo\",\"password\":\"sandbox-motcua-password-NOT-A-SECRET\"}",
        (services, configuration) => services.AddProvincialPortalAdapter(configuration));
}
