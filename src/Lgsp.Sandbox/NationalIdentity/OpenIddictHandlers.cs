using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Lgsp.Sandbox.NationalIdentity;

/// <summary>
/// Puts the provider under <c>/xacthuc/</c> of whatever origin the request reached: the issuer becomes
/// <c>http://127.0.0.1:8090/xacthuc/</c> (or the random port of a test) and every endpoint, discovery included,
/// is resolved below it. Runs right after OpenIddict has read the request's origin and before it matches the
/// path against its endpoints, so nothing else in the sandbox is seen as an OpenID Connect endpoint.
/// </summary>
internal sealed class UseIssuerPath : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
            .UseSingletonHandler<UseIssuerPath>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ResolveRequestUri.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.BaseUri is { IsAbsoluteUri: true } origin)
        {
            context.BaseUri = new Uri(origin.AbsoluteUri.TrimEnd('/') + NationalIdentityOptions.PathBase + "/", UriKind.Absolute);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Advertises the levels a relying party may ask for with <c>acr_values</c> (<c>acr_values_supported</c>).</summary>
internal sealed class AdvertiseAssuranceLevels : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<AdvertiseAssuranceLevels>()
            .SetOrder(int.MaxValue - 50_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Metadata["acr_values_supported"] = new OpenIddictParameter([.. AssuranceLevels.Supported]);
        return ValueTask.CompletedTask;
    }
}
