using Lgsp.Core.Signing;
using Lgsp.Hub.Signing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal static class SigningServiceCollectionExtensions
{
    /// <summary>
    /// Packet signing: the one <see cref="IPacketSigner"/> (the only holder of the hub's private key) and the
    /// <see cref="PacketSignatureVerifier"/> trusting the hub's own certificate plus Signing:TrustedCertificatePaths.
    /// Both are created at start; see <see cref="SigningOptions"/> for where the certificate comes from.
    /// </summary>
    public static IServiceCollection AddLgspSigning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<SigningOptions>()
            .Bind(configuration.GetSection(SigningOptions.SectionName))
            .ValidateDataAnnotations();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SigningOptions>, SigningOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SigningCertificateLoader>();
        services.TryAddSingleton<IPacketSigner>(sp =>
            new X509PacketSigner(sp.GetRequiredService<SigningCertificateLoader>().LoadHubCertificate()));
        services.TryAddSingleton(sp =>
        {
            var signer = sp.GetRequiredService<IPacketSigner>();
            var trusted = sp.GetRequiredService<SigningCertificateLoader>().LoadTrustedCertificates();
            try
            {
                // The hub always trusts itself: what it signs it can verify.
                return new PacketSignatureVerifier([signer.Certificate, .. trusted], sp.GetRequiredService<TimeProvider>());
            }
            finally
            {
                foreach (var certificate in trusted)
                {
                    certificate.Dispose();
                }
            }
        });
        services.AddHostedService<SigningInitializer>();
        return services;
    }
}
