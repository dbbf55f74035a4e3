using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Lgsp.Hub.Identity;

/// <summary>
/// How a system's (client-credentials) access token is made: by default without a row in <c>openiddict_tokens</c>
/// and without the JWE layer. Tokens issued for a person keep both.
/// </summary>
/// <remarks>
/// <para><b>No row</b> unless Identity:ValidateTokenEntries is on. Such a token has no refresh token and no family; the
/// hub's APIs validate it from its signature and the revocation list, so a row would add nothing. Writing it was the
/// most expensive part of issuing one (a database write per token: on SQLite every writer waits for the single write
/// lock), see bench/README.md. It is still revocable: <c>/connect/revoke</c> puts its <c>jti</c> on the revocation
/// list (<see cref="RevokedAccessTokens"/>), which costs a write per revocation, not per token. With
/// ValidateTokenEntries on, APIs check rows, so every token gets one.</para>
/// <para><b>Signed, not encrypted</b> (an RFC 9068 JWT) unless Identity:EncryptClientCredentialsTokens is on.
/// Encryption keeps a person's claims (personal id, enterprise code, level of assurance) from whoever holds the token;
/// a system's token carries none — client id, scopes, audience, dates, which its holder already knows — and its
/// encryption cost every API call an RSA-OAEP private-key operation, most of a token's validation cost. Refresh tokens
/// and authorization codes are always encrypted (OpenIddict does not allow otherwise).</para>
/// </remarks>
internal sealed class ClientCredentialsAccessTokens(bool storeEntries, bool encrypt) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor(bool storeEntries, bool encrypt) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler(new ClientCredentialsAccessTokens(storeEntries, encrypt))

            // After the credentials are attached, before the token entry is created (both decisions undo a default).
            .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TokenType == OpenIddictConstants.TokenTypeIdentifiers.AccessToken && context.Request is { } request && request.IsClientCredentialsGrantType())
        {
            context.CreateTokenEntry &= storeEntries;
            if (!encrypt)
            {
                context.EncryptionCredentials = null;
            }
        }

        return ValueTask.CompletedTask;
    }
}
