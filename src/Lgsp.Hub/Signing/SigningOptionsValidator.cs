using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Signing;

/// <summary>The rules between <see cref="SigningOptions"/> keys; all problems are reported at once.</summary>
internal sealed partial class SigningOptionsValidator : IValidateOptions<SigningOptions>
{
    public ValidateOptionsResult Validate(string? name, SigningOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PrivateKeyPath) && string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            errors.Add("Signing:PrivateKeyPath is set but Signing:CertificatePath is not; the key belongs to the PEM certificate CertificatePath names.");
        }

        // The value is deliberately not echoed: if it fails this rule it may well be the password itself.
        if (!string.IsNullOrEmpty(options.PasswordEnvironmentVariable) && !EnvironmentVariableName().IsMatch(options.PasswordEnvironmentVariable))
        {
            errors.Add("Signing:PasswordEnvironmentVariable must be the name of an environment variable (letters, digits, underscores), never the password itself.");
        }

        for (var i = 0; i < options.TrustedCertificatePaths.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.TrustedCertificatePaths[i]))
            {
                errors.Add($"Signing:TrustedCertificatePaths:{i} is empty.");
            }
        }

        for (var i = 0; i < options.RolloverCertificatePaths.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.RolloverCertificatePaths[i]))
            {
                errors.Add($"Signing:RolloverCertificatePaths:{i} is empty.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();
}
