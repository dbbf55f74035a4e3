using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lgsp.Core.Signing;
using Lgsp.Hub.Signing;

namespace Lgsp.Hub.Gateway;

/// <summary>
/// The hub's packet-verification keys, public and unauthenticated: <c>GET /.well-known/lgsp/keys</c> (a JWKS whose
/// <c>kid</c> is the JWS <c>kid</c> of every answer, = <see cref="SigningKeyId"/>, with the certificate in <c>x5c</c>;
/// the current key first, then during a rollover the other one(s) of Signing:RolloverCertificatePaths, RSA or EC P-256)
/// and <c>GET /.well-known/lgsp/signing-certificate.pem</c> (the current key only). A client pins the certificate from here (for example in
/// a <see cref="PacketSignatureVerifier"/>) and verifies every answer with it. Not OpenIddict's <c>/.well-known/jwks</c>,
/// which publishes the token keys.
/// </summary>
internal static class KeysApi
{
    public const string JwksPath = "/.well-known/lgsp/keys";
    public const string PemPath = "/.well-known/lgsp/signing-certificate.pem";

    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(JwksPath, (PublishedPacketKeys keys, HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=3600";
                return Results.Json(Jwks(keys), GatewayKeysJson.Default.JsonWebKeySet, contentType: "application/jwk-set+json");
            })
            .AllowAnonymous()
            .WithTags("Signing")
            .WithSummary("The hub's packet-signing keys (JWKS; kid = the JWS kid of every answer, certificate in x5c; the current key first, both during a rollover).")
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

    internal static JsonWebKeySet Jwks(PublishedPacketKeys keys) => new([.. keys.All.Select(Jwk)]);

    private static JsonWebKey Jwk(X509Certificate2 certificate)
    {
        var kid = SigningKeyId.For(certificate);
        var x5c = new[] { Convert.ToBase64String(certificate.RawData) };
        var type = PacketKeys.TypeOf(certificate, out var problem, out _)
            ?? throw new InvalidOperationException($"The packet-signing certificate {certificate.Subject} has {problem}.");
        if (type == PacketKeyType.EcP256)
        {
            using var ec = certificate.GetECDsaPublicKey()!;
            var point = ec.ExportParameters(includePrivateParameters: false).Q;
            return new JsonWebKey("EC", "sig", SignatureAlgorithmsNames.Es256, kid, kid, Crv: "P-256",
                X: Base64Url.EncodeToString(point.X), Y: Base64Url.EncodeToString(point.Y), X5c: x5c);
        }

        using var rsa = certificate.GetRSAPublicKey()!;
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new JsonWebKey("RSA", "sig", SignatureAlgorithmsNames.Rs256, kid, kid,
            N: Base64Url.EncodeToString(parameters.Modulus), E: Base64Url.EncodeToString(parameters.Exponent), X5c: x5c);
    }

    private static class SignatureAlgorithmsNames
    {
        public const string Rs256 = "RS256";
        public const string Es256 = "ES256";
    }
}

/// <summary>RFC 7517 key set.</summary>
internal sealed record JsonWebKeySet(IReadOnlyList<JsonWebKey> Keys);

/// <summary>RFC 7517 key with its certificate: RSA (<c>n</c>, <c>e</c>) or EC P-256 (<c>crv</c>, <c>x</c>, <c>y</c>; RFC 7518 §6.2).</summary>
internal sealed record JsonWebKey(
    string Kty,
    string Use,
    string Alg,
    string Kid,
    [property: System.Text.Json.Serialization.JsonPropertyName("x5t#S256")] string X5tS256,
    IReadOnlyList<string> X5c,
    string? N = null,
    string? E = null,
    string? Crv = null,
    string? X = null,
    string? Y = null);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
[System.Text.Json.Serialization.JsonSerializable(typeof(JsonWebKeySet))]
internal sealed partial class GatewayKeysJson : System.Text.Json.Serialization.JsonSerializerContext;
