using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lgsp.Hub.Identity;

/// <summary>
/// <c>GET /api/v1/me</c>: who the caller is, as the hub sees its access token. The smallest protected API, kept as
/// the documented way for a client to check its token and what it was granted.
/// </summary>
internal static class MeApi
{
    public const string Path = "/api/v1/me";

    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (ClaimsPrincipal user) => Results.Ok(Describe(user)))
            .RequireAccessToken()
            .WithName("GetMe")
            .WithTags("Identity")
            .WithSummary("Who am I: the calling client, the person it acts for (if any) and the granted scopes.")
            .Produces<MeResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    internal static MeResponse Describe(ClaimsPrincipal user)
    {
        var clientId = user.GetClaim(Claims.ClientId) ?? user.GetPresenters().FirstOrDefault();
        var subject = user.GetClaim(Claims.Subject);
        var isPerson = user.GetClaim(HubClaims.AccountType) is not null;
        return new MeResponse(
            ClientId: clientId,
            Subject: subject,
            Kind: isPerson ? "user" : "client",
            Scopes: [.. user.GetScopes().Order(StringComparer.Ordinal)],
            Name: user.GetClaim(Claims.Name),
            AccountType: user.GetClaim(HubClaims.AccountType),
            PersonalId: user.GetClaim(HubClaims.PersonalId),
            EnterpriseCode: user.GetClaim(HubClaims.EnterpriseCode),
            AgencyCode: user.GetClaim(HubClaims.AgencyCode),
            Acr: user.GetClaim(HubClaims.Acr),
            ExpiresAt: user.GetExpirationDate());
    }
}

/// <summary>The caller of <c>/api/v1/me</c>. <c>kind</c> is <c>user</c> (a person through a client) or <c>client</c>.</summary>
internal sealed record MeResponse(
    string? ClientId,
    string? Subject,
    string Kind,
    IReadOnlyList<string> Scopes,
    string? Name,
    string? AccountType,
    string? PersonalId,
    string? EnterpriseCode,
    string? AgencyCode,
    string? Acr,
    DateTimeOffset? ExpiresAt);
