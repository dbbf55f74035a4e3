using System.Text.Json.Nodes;
using Lgsp.Cli.Tests.Infrastructure;

namespace Lgsp.Cli.Tests.Clients;

public sealed class ClientsCommandsTests
{
    private const string Clients = """
        [ { "clientId": "provincial-portal", "displayName": "Cổng dịch vụ công tỉnh", "type": "confidential",
            "grantTypes": ["authorization_code", "client_credentials"], "scopes": ["openid", "lgsp.business.read"],
            "redirectUris": [], "postLogoutRedirectUris": [],
            "accessRights": { "agencyCode": "000.00.14.H56", "services": { "business": { "purposes": ["*"], "fields": null },
                                                                          "population": { "purposes": ["cap-phep"], "fields": ["hoTen"] } } } },
          { "clientId": "lgsp-cli", "displayName": "Công cụ dòng lệnh", "type": "confidential", "grantTypes": ["client_credentials"],
            "scopes": ["lgsp.admin"], "redirectUris": [], "postLogoutRedirectUris": [], "accessRights": null } ]
        """;

    [Fact]
    public async Task List_Human_ShowsClientsScopesAndAccessRights()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["GET /admin/v1/clients"] = FakeHub.Json(200, JsonNode.Parse(Clients)!);

        var result = await Terminal.RunAsync(hub, "clients", "list");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.StartsWith("CLIENT", result.Out, StringComparison.Ordinal);
        Assert.Contains("000.00.14.H56", result.Out, StringComparison.Ordinal);
        Assert.Contains("business: mọi mục đích / *", result.Out, StringComparison.Ordinal);
        Assert.Contains("population: cap-phep [hoTen]", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^lgsp-cli\s+Công cụ dòng lệnh\s+bảo mật \(có khóa bí mật\) / confidential\s+hệ thống tự gọi / client_credentials\s+lgsp\.admin\s+—\s+—\r?$", result.Out);
    }

    [Fact]
    public async Task List_Json_PrintsTheHubsAnswerAsIs()
    {
        await using var hub = await FakeHub.StartAsync();
        hub.Answers["GET /admin/v1/clients"] = FakeHub.Json(200, JsonNode.Parse(Clients)!);

        var result = await Terminal.RunAsync(hub, "clients", "list", "--json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Clients), JsonNode.Parse(result.Out)));
    }
}
