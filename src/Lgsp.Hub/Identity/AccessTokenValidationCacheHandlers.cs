using System.Security.Claims;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Protection = OpenIddict.Validation.OpenIddictValidationHandlers.Protection;

namespace Lgsp.Hub.Identity;

/// <summary>
/// Where <see cref="ValidatedAccessTokens"/> joins OpenIddict's validation of an access token (the APIs' bearer
/// scheme), as three handlers of <see cref="OpenIddictValidationEvents.ValidateTokenContext"/>:
/// <list type="number">
/// <item><see cref="Serve"/>, just before <c>ValidateIdentityModelToken</c>: a token already checked here gets the
/// principal remembered for it, and OpenIddict's handler, which leaves an attached principal alone, skips the JWT
/// (signature, decryption).</item>
/// <item><see cref="Capture"/>, just after it: the principal a full check produced, copied before the following
/// handlers map its claims.</item>
/// <item><see cref="Remember"/>, after every other check: that copy is remembered, only if nothing refused the
/// token.</item>
/// </list>
/// Everything between <see cref="Capture"/> and <see cref="Remember"/> (scope claims, the principal's shape, expiry on
/// the hub's clock, audience, the revocation list, the token's row) runs on every request, cached or not.
/// </summary>
internal static class AccessTokenValidationCacheHandlers
{
    public static IEnumerable<OpenIddictValidationHandlerDescriptor> Descriptors =>
        [Serve.Descriptor, Capture.Descriptor, Remember.Descriptor];

    private const string KeyProperty = ".lgsp_access_token_cache_key";
    private const string CapturedProperty = ".lgsp_access_token_cache_principal";
    private const string ServedProperty = ".lgsp_access_token_cache_served";

    /// <summary>Only the APIs' access-token validation, where the token is expected to be exactly an access token.</summary>
    private static bool Applies(OpenIddictValidationEvents.ValidateTokenContext context) =>
        !string.IsNullOrEmpty(context.Token)
        && context.ValidTokenTypes.Count == 1
        && context.ValidTokenTypes.Contains(TokenTypeIdentifiers.AccessToken);

    internal sealed class Serve(ValidatedAccessTokens cache) : IOpenIddictValidationHandler<OpenIddictValidationEvents.ValidateTokenContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
            OpenIddictValidationHandlerDescriptor.CreateBuilder<OpenIddictValidationEvents.ValidateTokenContext>()
                .UseSingletonHandler<Serve>()
                .SetOrder(Protection.ValidateIdentityModelToken.Descriptor.Order - 500)
                .SetType(OpenIddictValidationHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(OpenIddictValidationEvents.ValidateTokenContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.Principal is not null || !Applies(context))
            {
                return ValueTask.CompletedTask;
            }

            var key = ValidatedAccessTokens.Key(context.Token!);
            context.Transaction.Properties[KeyProperty] = key;
            if (cache.Find(key) is { } principal)
            {
                context.Principal = principal;
                context.Transaction.Properties[ServedProperty] = true;
            }
            else
            {
                cache.CountFullValidation();
            }

            return ValueTask.CompletedTask;
        }
    }

    internal sealed class Capture : IOpenIddictValidationHandler<OpenIddictValidationEvents.ValidateTokenContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
            OpenIddictValidationHandlerDescriptor.CreateBuilder<OpenIddictValidationEvents.ValidateTokenContext>()
                .UseSingletonHandler<Capture>()
                .SetOrder(Protection.ValidateIdentityModelToken.Descriptor.Order + 500)
                .SetType(OpenIddictValidationHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(OpenIddictValidationEvents.ValidateTokenContext context)
        {
            ArgumentNullException.ThrowIfNull(context);

            // A principal served from the cache is already remembered: only a full check's is captured.
            if (context.Principal is { } principal
                && context.Transaction.Properties.ContainsKey(KeyProperty)
                && !context.Transaction.Properties.ContainsKey(ServedProperty))
            {
                context.Transaction.Properties[CapturedProperty] = principal.Clone();
            }

            return ValueTask.CompletedTask;
        }
    }

    internal sealed class Remember(ValidatedAccessTokens cache) : IOpenIddictValidationHandler<OpenIddictValidationEvents.ValidateTokenContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
            OpenIddictValidationHandlerDescriptor.CreateBuilder<OpenIddictValidationEvents.ValidateTokenContext>()
                .UseSingletonHandler<Remember>()
                .SetOrder(int.MaxValue - 100_000)
                .SetType(OpenIddictValidationHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(OpenIddictValidationEvents.ValidateTokenContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (!context.IsRejected
                && context.Transaction.Properties.TryGetValue(KeyProperty, out var key) && key is string cacheKey
                && context.Transaction.Properties.TryGetValue(CapturedProperty, out var captured) && captured is ClaimsPrincipal principal)
            {
                cache.Add(cacheKey, principal);
            }

            return ValueTask.CompletedTask;
        }
    }
}
