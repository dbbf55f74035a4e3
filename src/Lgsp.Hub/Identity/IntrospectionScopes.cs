using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Lgsp.Hub.Identity;

/// <summary>
/// Introspection of an access token names its <c>scope</c> (RFC 7662 §2.2) to the client the token was issued to.
/// OpenIddict treats scopes as an application claim and leaves them out unless the caller is one of the token's
/// audiences; the hub's tokens are for the hub itself (<see cref="HubScopes.HubAudience"/>), so a client asking about
/// its own token learnt that it was active but not what it allowed. A caller that is neither the token's client nor
/// one of its audiences still gets no scopes.
/// </summary>
internal sealed class IntrospectionScopes : IOpenIddictServerHandler<HandleIntrospectionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleIntrospectionRequestContext>()
            .UseSingletonHandler<IntrospectionScopes>()
            .SetOrder(OpenIddictServerHandlers.Introspection.AttachApplicationClaims.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleIntrospectionRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GenericTokenPrincipal is not { } principal || !principal.HasTokenType(TokenTypeIdentifiers.AccessToken))
        {
            return ValueTask.CompletedTask;
        }

        var caller = context.Request.ClientId;
        var issuedTo = principal.GetClaim(Claims.ClientId) ?? principal.GetPresenters().FirstOrDefault();
        if (!string.IsNullOrEmpty(caller) && (caller == issuedTo || principal.HasAudience(caller)))
        {
            context.Scopes.UnionWith(principal.GetScopes());
            context.TokenType ??= TokenTypes.Bearer;
        }

        return ValueTask.CompletedTask;
    }
}
