using Lgsp.Hub.Signing;

namespace Lgsp.Hub.Tests.Signing;

public sealed class SigningOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new SigningOptionsValidator().Validate(null, new SigningOptions()).Succeeded);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEachOne()
    {
        var options = new SigningOptions { PrivateKeyPath = "hub.key", PasswordEnvironmentVariable = "LGSP-SIGNING PASSWORD" };
        options.TrustedCertificatePaths.Add("partner.pem");
        options.TrustedCertificatePaths.Add(" ");

        var result = new SigningOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Collection(
            result.Failures!,
            f => Assert.StartsWith("Signing:PrivateKeyPath", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Signing:PasswordEnvironmentVariable", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Signing:TrustedCertificatePaths:1", f, StringComparison.Ordinal));
    }
}
