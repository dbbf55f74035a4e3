using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lgsp.Hub.Identity;

/// <summary>
/// RFC 7009 for every token the hub issues. <c>/connect/revoke</c> puts an access token on the revocation list
/// (<see cref="RevokedAccessTokens"/>) by its <c>jti</c>, with or without a row in <c>openiddict_tokens</c>, and revokes
/// a token's row as OpenIddict does when it has one (refresh tokens, a person's access tokens). It replaces
/// OpenIddict's <c>RevokeToken</c>, which answered <c>unsupported_token_type</c> for a token without a row (every
/// client-credentials access token on the default settings). Who may revoke what is OpenIddict's unchanged
/// (<c>ValidateAuthorizedParty</c>): a client revoking another client's token is answered 200 and nothing is revoked
/// (RFC 7009 §2.1, §2.2).
/// </summary>
internal sealed class AccessTokenRevocation(IOpenIddictTokenManager tokens, RevokedAccessTokens revoked)
    : IOpenIddictServerHandler<OpenIddictServerEvents.HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<OpenIddictServerEvents.HandleRevocationRequestContext>()
            .UseScopedHandler<AccessTokenRevocation>()
            .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(OpenIddictServerEvents.HandleRevocationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.GenericTokenPrincipal ?? throw new InvalidOperationException("The revoked token's principal is missing.");
        var cancellation = context.CancellationToken;

        var listed = false;
        if (principal.HasTokenType(TokenTypeIdentifiers.AccessToken)
            && principal.GetClaim(Claims.JwtId) is { Length: > 0 } tokenId
            && principal.GetExpirationDate() is { } expiresAt)
        {
            await revoked.RevokeAsync(tokenId, principal.GetClaim(Claims.ClientId) ?? principal.GetPresenters().FirstOrDefault(), expiresAt, cancellation);
            listed = true;
        }

        // A token with a row: revoked there as well, as OpenIddict's own handler does (refresh-token families, logout
        // and Identity:ValidateTokenEntries read rows).
        var identifier = principal.GetTokenId();
        if (string.IsNullOrEmpty(identifier))
        {
            if (!listed)
            {
                context.Reject(OpenIddictConstants.Errors.UnsupportedTokenType, "This token cannot be revoked.");
            }

            return;
        }

        var token = await tokens.FindByIdAsync(identifier, cancellation);
        if (token is null)
        {
            if (!listed)
            {
                context.Reject(OpenIddictConstants.Errors.InvalidToken, "The specified token is invalid.");
            }

            return;
        }

        if (!await tokens.TryRevokeAsync(token, cancellation) && !listed)
        {
            context.Reject(OpenIddictConstants.Errors.UnsupportedTokenType, "This token cannot be revoked.");
        }
    }
}

/// <summary>
/// The hub's APIs refuse a revoked access token (OpenIddict.Validation, which every API's bearer scheme runs): an
/// in-memory lookup of its <c>jti</c> in <see cref="RevokedAccessTokens"/>, after the signature and lifetime.
/// </summary>
internal sealed class RefuseRevokedAccessTokens(RevokedAccessTokens revoked)
    : IOpenIddictValidationHandler<OpenIddictValidationEvents.ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<OpenIddictValidationEvents.ValidateTokenContext>()
            .UseSingletonHandler<RefuseRevokedAccessTokens>()
            .SetOrder(OpenIddictValidationHandlers.Protection.ValidateExpirationDate.Descriptor.Order + 500)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(OpenIddictValidationEvents.ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (revoked.IsRevoked(context.Principal?.GetClaim(Claims.JwtId)))
        {
            context.Reject(OpenIddictConstants.Errors.InvalidToken, RevokedDescription);
        }

        return ValueTask.CompletedTask;
    }

    internal const string RevokedDescription = "The access token was revoked.";
}

/// <summary>
/// The hub's own endpoints that read a token (introspection answers <c>active: false</c>, userinfo, a repeated
/// revocation) treat a listed access token as revoked, with or without a row.
/// </summary>
internal sealed class RefuseRevokedAccessTokensAtServer(RevokedAccessTokens revoked)
    : IOpenIddictServerHandler<OpenIddictServerEvents.ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<OpenIddictServerEvents.ValidateTokenContext>()
            .UseSingletonHandler<RefuseRevokedAccessTokensAtServer>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateExpirationDate.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(OpenIddictServerEvents.ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is { } principal && principal.HasTokenType(TokenTypeIdentifiers.AccessToken)
            && revoked.IsRevoked(principal.GetClaim(Claims.JwtId)))
        {
            context.Reject(OpenIddictConstants.Errors.InvalidToken, RefuseRevokedAccessTokens.RevokedDescription);
        }

        return ValueTask.CompletedTask;
    }
}
