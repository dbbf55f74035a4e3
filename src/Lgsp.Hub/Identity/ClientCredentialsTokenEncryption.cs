using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Lgsp.Hub.Identity;

/// <summary>
/// Client-credentials access tokens are signed JWTs (RFC 9068) without the JWE layer, unless
/// Identity:EncryptClientCredentialsTokens is on. Tokens issued for a person stay encrypted.
/// </summary>
/// <remarks>
/// Encryption keeps a person's claims (personal id, enterprise code, level of assurance) away from whoever holds the
/// token. A system's token carries none: only the client id, the scopes, the audience and the dates, which its holder
/// already knows. Its encryption bought nothing and cost every API call an RSA-OAEP private-key operation (the largest
/// part of validating a token, bench/README.md), on the path the portals' back ends call most.
/// Refresh tokens and authorization codes are always encrypted (OpenIddict does not allow otherwise).
/// </remarks>
internal sealed class ClientCredentialsTokenEncryption : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<ClientCredentialsTokenEncryption>()
            .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TokenType == OpenIddictConstants.TokenTypeIdentifiers.AccessToken && context.Request is { } request && request.IsClientCredentialsGrantType())
        {
            context.EncryptionCredentials = null;
        }

        return ValueTask.CompletedTask;
    }
}
