using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Lgsp.Hub.Identity;

/// <summary>
/// Client-credentials access tokens get no row in <c>openiddict_tokens</c> unless Identity:ValidateTokenEntries is on.
/// </summary>
/// <remarks>
/// Such a token has no refresh token and no family; the hub's APIs validate it from its signature alone, so its row
/// would only let introspection report a revocation the APIs do not honour. Writing it is the most expensive part of
/// issuing one (a database write per token: on SQLite every writer waits for the single write lock), see
/// bench/README.md. With ValidateTokenEntries on, APIs check rows, so every token gets one and stays revocable.
/// Revoking a row-less token answers <c>unsupported_token_type</c> (RFC 7009 §2.2.1); it expires within
/// Identity:AccessTokenLifetime.
/// </remarks>
internal sealed class ClientCredentialsTokenStorage : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<ClientCredentialsTokenStorage>()
            .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TokenType == OpenIddictConstants.TokenTypeIdentifiers.AccessToken && context.Request is { } request && request.IsClientCredentialsGrantType())
        {
            context.CreateTokenEntry = false;
        }

        return ValueTask.CompletedTask;
    }
}
