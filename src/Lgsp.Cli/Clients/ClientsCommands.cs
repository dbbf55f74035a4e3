using System.CommandLine;
using System.Text.Json.Nodes;
using Lgsp.Cli.Hub;
using Lgsp.Cli.Output;

namespace Lgsp.Cli.Clients;

/// <summary>
/// <c>lgsp clients list</c>: the registered clients and their access rights in force (the clients themselves are
/// configured in <c>config/identity.json</c>, read-only here); <c>lgsp clients rights …</c> changes the rights
/// (<see cref="AccessRightsCommands"/>). The hub never returns secrets.
/// </summary>
internal static class ClientsCommands
{
    public static Command Build(CliContext context)
    {
        var clients = new Command("clients", "Các hệ thống được phép gọi hub và quyền của chúng / the clients allowed to call the hub and their rights");
        var list = new Command("list", "Liệt kê client và quyền truy cập / list the clients and their access rights");
        clients.Add(context.Runs(list, async (call, ct) =>
        {
            var answer = await call.Hub.GetAsync("clients", ct);
            return call.Print(answer, a =>
            {
                var table = new Table("CLIENT", "TÊN / NAME", "LOẠI / TYPE", "CẤP QUYỀN / GRANTS", "PHẠM VI / SCOPES", "CƠ QUAN / AGENCY", "DỊCH VỤ / SERVICES");
                foreach (var client in a.Array().OfType<JsonObject>())
                {
                    var rights = client["accessRights"] as JsonObject;
                    var services = (rights?["services"] as JsonObject ?? []).Select(s =>
                        $"{s.Key}: {string.Join(' ', Terms.Names(Terms.Of.Purpose, s.Value?["purposes"]))}{(s.Value?["fields"] is JsonArray fields ? $" [{Show.List(fields)}]" : "")}");
                    table.Add(
                        Show.Value(client["clientId"]), Show.Value(client["displayName"]), Show.Term(Terms.Of.ClientType, client["type"]),
                        string.Join('\n', (client["grantTypes"] as JsonArray ?? []).Select(g => Show.Term(Terms.Of.GrantType, g))),
                        string.Join('\n', (client["scopes"] as JsonArray ?? []).Select(Show.Value)),
                        rights is null ? Show.None : Show.Value(rights["agencyCode"]),
                        rights is null ? Show.None : string.Join('\n', services));
                }

                table.WriteTo(call.Out);
            });
        }));
        clients.Add(AccessRightsCommands.Build(context));
        clients.Add(LimitsCommands.Build(context));
        return clients;
    }
}
