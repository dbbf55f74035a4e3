using Lgsp.Hub.Gateway;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lgsp.Hub.Identity;

/// <summary>
/// <c>GET /admin/v1/clients</c> (scope <c>lgsp.admin</c>): the registered clients as the database holds them after
/// seeding from <c>config/identity.json</c>: id, name, type, grant types, scopes and redirect URIs, with their access
/// rights to the national sources (<c>config/access-rights.json</c>). Never a secret, not even its hash.
/// </summary>
internal static class ClientsApi
{
    public const string Path = "/admin/v1/clients";

    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ListAsync)
            .RequireScope(HubScopes.Admin)
            .WithName("ListClients")
            .WithTags("Operations")
            .WithSummary("The registered OAuth clients and their access rights (no secrets).")
            .Produces<IReadOnlyList<ClientView>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<IResult> ListAsync(IOpenIddictApplicationManager applications, IOptionsMonitor<GatewayOptions> gateway, CancellationToken ct)
    {
        var rights = gateway.CurrentValue.AccessRights;
        var clients = new List<ClientView>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, ct))
        {
            var permissions = await applications.GetPermissionsAsync(application, ct);
            clients.Add(new ClientView(
                ClientId: await applications.GetClientIdAsync(application, ct) ?? string.Empty,
                DisplayName: await applications.GetDisplayNameAsync(application, ct),
                Type: await applications.GetClientTypeAsync(application, ct),
                GrantTypes: [.. permissions.Where(p => p.StartsWith(Permissions.Prefixes.GrantType, StringComparison.Ordinal)).Select(p => p[Permissions.Prefixes.GrantType.Length..]).Order(StringComparer.Ordinal)],
                Scopes: [.. permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal)).Select(p => p[Permissions.Prefixes.Scope.Length..]).Order(StringComparer.Ordinal)],
                RedirectUris: [.. (await applications.GetRedirectUrisAsync(application, ct)).Order(StringComparer.Ordinal)],
                PostLogoutRedirectUris: [.. (await applications.GetPostLogoutRedirectUrisAsync(application, ct)).Order(StringComparer.Ordinal)],
                AccessRights: null));
        }

        return Results.Ok(clients
            .Select(c => c with { AccessRights = rights.TryGetValue(c.ClientId, out var r) ? r : null })
            .OrderBy(c => c.ClientId, StringComparer.Ordinal).ToList());
    }
}

internal sealed record ClientView(
    string ClientId,
    string? DisplayName,
    string? Type,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    ClientAccessRights? AccessRights);
