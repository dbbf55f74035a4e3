using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Secrets;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.CivilRegistry;

/// <summary>
/// The gateway's API key (WSO2 API Manager's <c>apikey</c> header) on every attempt, read from the secret that
/// <see cref="UpstreamOptions.CredentialsSecret"/> names at each call, so a rotated key is picked up without a restart.
/// A missing secret is the hub's misconfiguration and names the variable, never a value.
/// </summary>
internal sealed class ApiKeyHandler(IOptionsMonitor<UpstreamOptions> options, IUpstreamSecrets secrets) : DelegatingHandler
{
    public const string HeaderName = "apikey";

    private const string Source = SourceNames.CivilRegistry;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = options.Get(Source).CredentialsSecret
            ?? throw new LgspException(ErrorCatalogue.Internal, new($"Chưa đặt Adapters:{Source}:CredentialsSecret.", $"Adapters:{Source}:CredentialsSecret is not set."));
        var key = secrets.Read(name);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new LgspException(ErrorCatalogue.Internal, new($"Chưa có bí mật '{name}' chứa khóa API của CSDL hộ tịch.", $"The secret '{name}' holding the civil registry's API key is not set."));
        }

        request.Headers.Remove(HeaderName);
        request.Headers.TryAddWithoutValidation(HeaderName, key.Trim());
        return base.SendAsync(request, cancellationToken);
    }
}
