using Lgsp.Adapters.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.NationalPortal.Tests;

/// <summary>
/// The DVCQG stand-in of the sandbox, with its development client id and secret (Gateway) and user name and password
/// (Service) in one secret, and the settings each profile needs against it.
/// </summary>
internal static class StandIn
{
    public static readonly PortalStandIn Dvcqg = new(
        "dvcqg", "dvcqg/", "LGSP_TEST_DVCQG_CREDENTIALS",
        "{\"clientId\":\"sandbox-dvcqg-client\",\"clientSecret\":\"sandbox-dvcqg-secret-NOT-A-SECRET\","
        + "\"username\":\"sandbox-dvcqg-user\",\"password\":\"sandbox-dvcqg-password-NOT-A-SECRET\"}",
        (services, configuration) => services.AddNationalPortalAdapter(configuration));

    /// <summary>The adapter's settings for <paramref name="profile"/> against the stand-in (PerCall needs none).</summary>
    public static Dictionary<string, string?> Profile(string profile) => profile switch
    {
        "Service" => new()
        {
            ["Adapters:dvcqg:Profile"] = "Service",
            ["Adapters:dvcqg:DstCode"] = "DVCQG",
            ["Adapters:dvcqg:UnitCode"] = "000.00.00.H56",
        },
        _ => new() { ["Adapters:dvcqg:Profile"] = profile },
    };
}
