using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lgsp.Core.Signing;

namespace Lgsp.Hub.Gateway;

/// <summary>
/// The hub's packet-verification keys, public and unauthenticated: <c>GET /.well-known/lgsp/keys</c> (a JWKS whose
/// <c>kid</c> is the JWS <c>kid</c> of every answer, = <see cref="SigningKeyId"/>, with the certificate in <c>x5c</c>)
/// and <c>GET /.well-known/lgsp/signing-certificate.pem</c>. A client pins the certificate from here (for example in
/// a <see cref="PacketSignatureVerifier"/>) and verifies every answer with it. Not OpenIddict's <c>/.well-known/jwks</c>,
/// which publishes the token keys.
/// </summary>
internal static class KeysApi
{
    public const string JwksPath = "/.well-known/lgsp/keys";
    public const string PemPath = "/.well-known/lgsp/signing-certificate.pem";

    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(JwksPath, (IPacketSigner signer, HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=3600";
                return Results.Json(Jwks(signer), GatewayKeysJson.Default.JsonWebKeySet, contentType: "application/jwk-set+json");
            })
            .AllowAnonymous()
            .WithTags("Signing")
            .WithSummary("The hub's packet-signing keys (JWKS; kid = the JWS kid of every answer, certificate in x5c).")
            .Produces<JsonWebKeySet>(StatusCodes.Status200OK, "application/jwk-set+json");
        app.MapGet(PemPath, (IPacketSigner signer, HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=3600";
                return Results.Text(signer.Certificate.ExportCertificatePem() + "\n", "application/x-pem-file");
            })
            .AllowAnonymous()
            .WithTags("Signing")
            .WithSummary("The hub's packet-signing certificate (PEM).")
            .Produces<string>(StatusCodes.Status200OK, "application/x-pem-file");
        return app;
    }

    internal static JsonWebKeySet Jwks(IPacketSigner signer)
    {
        var certificate = signer.Certificate;
        using var rsa = certificate.GetRSAPublicKey() ?? throw new InvalidOperationException("The hub's signing certificate has no RSA key.");
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new JsonWebKeySet([
            new JsonWebKey(
                Kty: "RSA",
                Use: "sig",
                Alg: SecurityAlgorithms.RsaSha256,
                Kid: signer.KeyId,
                X5tS256: Base64Url.EncodeToString(certificate.GetCertHash(HashAlgorithmName.SHA256)),
                N: Base64Url.EncodeToString(parameters.Modulus),
                E: Base64Url.EncodeToString(parameters.Exponent),
                X5c: [Convert.ToBase64String(certificate.RawData)]),
        ]);
    }

    private static class SecurityAlgorithms
    {
        public const string RsaSha256 = "RS256";
    }
}

/// <summary>RFC 7517 key set.</summary>
internal sealed record JsonWebKeySet(IReadOnlyList<JsonWebKey> Keys);

/// <summary>RFC 7517 key (RSA public key with its certificate).</summary>
internal sealed record JsonWebKey(
    string Kty,
    string Use,
    string Alg,
    string Kid,
    [property: System.Text.Json.Serialization.JsonPropertyName("x5t#S256")] string X5tS256,
    string N,
    string E,
    IReadOnlyList<string> X5c);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(JsonWebKeySet))]
internal sealed partial class GatewayKeysJson : System.Text.Json.Serialization.JsonSerializerContext;
