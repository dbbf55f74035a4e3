using Lgsp.Core.Errors;
using Lgsp.Core.Time;
using Lgsp.Hub.Gateway;
using Lgsp.Hub.Gateway.Limits;
using Lgsp.Hub.Identity;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Operations;

/// <summary>
/// <c>GET /admin/v1/clients/{clientId}/usage</c> (scope <c>lgsp.admin</c>): per source, the client's limits in force
/// (rate, daily quota) and today's figures (Vietnam day): calls counted against the daily quota
/// (<see cref="DailyQuotaCounter"/>) and calls refused by each limit (<see cref="ClientLimitRefusals"/>). Both come
/// from the database, so every instance answers the whole cluster's figures.
/// </summary>
internal static class ClientUsageApi
{
    public const string Path = "/admin/v1/clients/{clientId}/usage";

    public static IEndpointRouteBuilder MapClientUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, UsageAsync)
            .RequireScope(HubScopes.Admin)
            .WithName("ClientUsage").WithTags("Operations")
            .WithSummary("A client's limits per source and today's use and refusals by limit (the whole cluster's, Vietnam day)")
            .Produces<ClientUsageView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> UsageAsync(
        string clientId, IOptions<HubIdentityOptions> identity, IOptionsMonitor<GatewayOptions> gateway, DailyQuotaCounter quotas,
        ClientLimitRefusals refusals, TimeProvider time, CancellationToken ct)
    {
        if (!identity.Value.Clients.ContainsKey(clientId))
        {
            throw new LgspException(ErrorCatalogue.NotFound, new($"Không có client '{clientId}' (Identity:Clients).", $"There is no client '{clientId}' (Identity:Clients)."));
        }

        var day = VietnamTime.Today(time);
        var services = gateway.CurrentValue.AccessRights.TryGetValue(clientId, out var rights) ? rights.Services : new Dictionary<string, ServiceAccessRight>();
        var used = (await quotas.UsageAsync(day, ct)).Where(u => u.ClientId == clientId).ToDictionary(u => u.Source, u => u.Used, StringComparer.OrdinalIgnoreCase);
        var refused = (await refusals.OnAsync(day, ct)).Where(r => r.ClientId == clientId).ToList();
        var sources = services.Keys.Concat(used.Keys).Concat(refused.Select(r => r.Source))
            .Select(s => s.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(source =>
            {
                var grant = services.TryGetValue(source, out var g) ? g : null;
                long Refused(string limit) => refused.Where(r => string.Equals(r.Source, source, StringComparison.OrdinalIgnoreCase) && r.Limit == limit).Sum(r => r.Refused);
                return new SourceUsage(
                    source, grant is not null,
                    grant?.RateLimit is { } rate ? new RateLimitView(rate.PermitsPerSecond, rate.Burst ?? rate.PermitsPerSecond) : null,
                    grant?.DailyQuota, used.GetValueOrDefault(source),
                    new RefusalsView(Refused(ClientLimits.RateLimit), Refused(ClientLimits.ConcurrencyLimit), Refused(ClientLimits.DailyQuotaLimit)));
            })
            .ToList();
        return Results.Ok(new ClientUsageView(clientId, day, sources));
    }
}

/// <summary>A client's limits and today's figures; <paramref name="Day"/> is the Vietnam calendar day they are for.</summary>
internal sealed record ClientUsageView(string ClientId, DateOnly Day, IReadOnlyList<SourceUsage> Sources);

/// <summary>One source: whether it is granted, its limits in force (null: none), calls counted today, refusals today by limit.</summary>
internal sealed record SourceUsage(string Source, bool Granted, RateLimitView? RateLimit, int? DailyQuota, long Used, RefusalsView Refused);

internal sealed record RateLimitView(int PermitsPerSecond, int Burst);

/// <summary>Refusals by limit: <c>rate</c>, <c>concurrency</c> (the client's share of the source) and <c>dailyQuota</c>.</summary>
internal sealed record RefusalsView(long Rate, long Concurrency, long DailyQuota);
