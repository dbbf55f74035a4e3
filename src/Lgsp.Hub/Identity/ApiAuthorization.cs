using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Lgsp.Hub.Identity;

/// <summary>
/// How the hub's APIs are protected: a bearer access token issued by the hub itself, validated locally (signature,
/// decryption, issuer, audience <c>lgsp-hub</c>, lifetime; no introspection round trip), and per endpoint the scope
/// it needs. A missing or bad token answers 401, a token without the scope 403 with
/// <c>WWW-Authenticate: Bearer error="insufficient_scope", scope="…"</c> (RFC 6750); both bodies are the
/// catalogue's ProblemDetails (<c>client.unauthenticated</c>, <c>client.forbidden</c>).
/// </summary>
/// <example><code>
/// api.MapGet("/population/{id}", ...).RequireScope(HubScopes.PopulationRead);
/// </code></example>
internal static class ApiAuthorization
{
    /// <summary>Any valid access token of the hub.</summary>
    public const string AuthenticatedPolicy = "lgsp-api";

    public const string ScopePolicyPrefix = "lgsp-scope:";

    public static string ScopePolicy(string scope) => ScopePolicyPrefix + scope;

    /// <summary>The endpoint needs a hub access token carrying <paramref name="scope"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ScopePolicy(scope));

    /// <summary>The endpoint needs any valid hub access token.</summary>
    public static TBuilder RequireAccessToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AuthenticatedPolicy);

    /// <summary>Requires the access token to carry <paramref name="scope"/>.</summary>
    public static AuthorizationPolicyBuilder RequireScope(this AuthorizationPolicyBuilder builder, string scope) =>
        builder.AddRequirements(new ScopeRequirement(scope));

    internal static void AddPolicies(AuthorizationOptions options, IEnumerable<string> scopes)
    {
        options.AddPolicy(AuthenticatedPolicy, Bearer().Build());
        foreach (var scope in scopes)
        {
            options.AddPolicy(ScopePolicy(scope), Bearer().RequireScope(scope).Build());
        }
    }

    private static AuthorizationPolicyBuilder Bearer() =>
        new AuthorizationPolicyBuilder(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme).RequireAuthenticatedUser();
}

internal sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

internal sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.HasScope(requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Turns a missing scope into RFC 6750's <c>insufficient_scope</c> naming the scope, instead of a bare 403.</summary>
internal sealed class ScopeAwareResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var missing = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().FirstOrDefault();
        if (authorizeResult.Forbidden && missing is not null)
        {
            var properties = new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictValidationAspNetCoreConstants.Properties.Error] = OpenIddictConstants.Errors.InsufficientScope,
                [OpenIddictValidationAspNetCoreConstants.Properties.ErrorDescription] = $"The access token lacks the '{missing.Scope}' scope.",
                [OpenIddictValidationAspNetCoreConstants.Properties.Scope] = missing.Scope,
            });
            return context.ForbidAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme, properties);
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
