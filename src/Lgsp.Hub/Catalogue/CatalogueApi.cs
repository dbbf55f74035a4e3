using Lgsp.Hub.Catalogue;
using Lgsp.Hub.Errors;
using Lgsp.Hub.Identity;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// <c>/admin/v1/catalogue</c> (scope <c>lgsp.admin</c>): the hub's copy of the national procedure catalogue, its
/// counts and how its refreshes went; and a refresh now.
/// </summary>
internal static class CatalogueApi
{
    public const string Path = "/admin/v1/catalogue";

    public static IEndpointRouteBuilder MapCatalogueApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).WithTags("Operations").RequireScope(HubScopes.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("", async (CatalogueRefresher refresher, CancellationToken ct) => Results.Ok(await refresher.StatusAsync(ct)))
            .WithName("GetCatalogue").WithSummary("The copy in force: counts, last attempt, last success, last failure and its code")
            .Produces<CatalogueStatus>();

        api.MapPost("/refresh", async (CatalogueRefresher refresher, CancellationToken ct) => Results.Ok(await refresher.RefreshAsync(ct)))
            .WithName("RefreshCatalogue").WithSummary("Fetch the catalogue from DVCQG now; a failure keeps the last good copy and is shown")
            .Produces<CatalogueStatus>();
        return app;
    }
}
