using Lgsp.Adapters.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.NationalPortal.Tests;

/// <summary>The DVCQG stand-in of the sandbox, with its development client id and secret.</summary>
internal static class StandIn
{
    public static readonly PortalStandIn Dvcqg = new(
        "dvcqg", "dvcqg/", "LGSP_TEST_DVCQG_CREDENTIALS",
        "{\"clientId\":\"sandbox-dvcqg-client\",\"clientSecret\":\"sandbox-dvcqg-secret-NOT-A-SECRET\"}",
        (services, configuration) => services.AddNationalPortalAdapter(configuration));
}
