using Lgsp.Core.Signing;
using Lgsp.Hub.Signing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal static class SigningServiceCollectionExtensions
{
    /// <summary>
    /// Packet signing: the one <see cref="IPacketSigner"/> (the only holder of the hub's private key) and the
    /// <see cref="PacketSignatureVerifier"/> trusting the hub's own certificates (<see cref="PublishedPacketKeys"/>: the
    /// current one and Signing:RolloverCertificatePaths) plus Signing:TrustedCertificatePaths.
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
            var rollover = sp.GetRequiredService<SigningCertificateLoader>().LoadRolloverCertificates();
            try
            {
                return new PublishedPacketKeys(sp.GetRequiredService<IPacketSigner>().Certificate, rollover);
            }
            finally
            {
                foreach (var certificate in rollover)
                {
                    certificate.Dispose();
                }
            }
        });
        services.TryAddSingleton(sp =>
        {
            var published = sp.GetRequiredService<PublishedPacketKeys>();
            var trusted = sp.GetRequiredService<SigningCertificateLoader>().LoadTrustedCertificates();
            try
            {
                // The hub always trusts itself: what it signs, or signed before a rollover, it can verify.
                return new PacketSignatureVerifier([.. published.All, .. trusted], sp.GetRequiredService<TimeProvider>());
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
