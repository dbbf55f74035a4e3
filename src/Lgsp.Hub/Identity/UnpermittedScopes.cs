using System.Globalization;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Lgsp.Hub.Identity;

/// <summary>
/// A token request for a scope the client may not have is <c>invalid_scope</c> (RFC 6749 §5.2: "the requested scope is
/// invalid, unknown, malformed, or exceeds the scope granted by the resource owner"), not the <c>invalid_request</c>
/// OpenIddict's own permission check answers. It replaces that check (removed in
/// <see cref="IdentityServiceCollectionExtensions"/>), in its place and with its rule: every requested scope but
/// <c>openid</c> and <c>offline_access</c> needs the client's <c>scp:</c> permission. Unknown scopes are refused
/// earlier by OpenIddict, also as <c>invalid_scope</c>.
/// </summary>
internal sealed class UnpermittedScopes(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseScopedHandler<UnpermittedScopes>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateScopePermissions.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.ClientId) || context.Options.IgnoreScopePermissions)
        {
            return;
        }

        var scopes = context.Request.GetScopes();
        if (scopes.IsEmpty || await applications.FindByClientIdAsync(context.ClientId) is not { } application)
        {
            // No scope asked, or an unknown client (refused by OpenIddict's client authentication).
            return;
        }

        foreach (var scope in scopes)
        {
            if (scope is Scopes.OpenId or Scopes.OfflineAccess)
            {
                continue;
            }

            if (!await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope))
            {
                context.Reject(
                    error: OpenIddictConstants.Errors.InvalidScope,
                    description: string.Create(CultureInfo.InvariantCulture, $"This client may not request the scope '{scope}'."));
                return;
            }
        }
    }
}
