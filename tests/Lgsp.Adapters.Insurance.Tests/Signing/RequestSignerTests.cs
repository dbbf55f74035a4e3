using Lgsp.Adapters.Insurance.Signing;

namespace Lgsp.Adapters.Insurance.Tests.Signing;

/// <summary>The signature scheme, pinned by the worked example of the adapter's README (computed independently).</summary>
public sealed class RequestSignerTests
{
    private static readonly PartnerCredentials Partner = new(SandboxPartner.AppName, SandboxPartner.AccessKey, SandboxPartner.SecretKey, SandboxPartner.PartnerCode);

    private static readonly Uri Lookup = new("http://127.0.0.1:8090/apiBHXH/1.0/traCuuThongTinBHXH?masobhxh=7937368040");

    [Fact]
    public void Sign_TheReadmeExample_GivesTheReadmeSignature()
    {
        var signed = RequestSigner.Sign("GET", Lookup, [], Partner, DateTimeOffset.FromUnixTimeSeconds(1767225600), "0123456789abcdef0123456789abcdef");

        Assert.Equal("BHXH-HMAC-SHA256 AccessKey=sandbox-bhxh-access-key, Signature=PHQPTdGvtUG2ojcK4cRGVZ/5xmN8fWuNV9IWtYYNK38=", signed.Authorization);
        Assert.Equal("1767225600", signed.Timestamp);
        Assert.Equal("0123456789abcdef0123456789abcdef", signed.Nonce);
        Assert.Equal("LGSPSANDBOX", signed.PartnerCode);
        Assert.Equal("lgsp-sandbox", signed.AppName);
    }

    [Fact]
    public void StringToSign_TheReadmeExample_IsOneFieldPerLine()
    {
        var text = RequestSigner.StringToSign("get", Lookup, [], "1767225600", "0123456789abcdef0123456789abcdef", "LGSPSANDBOX", "lgsp-sandbox");

        Assert.Equal(
            "BHXH-HMAC-SHA256\nGET\n/apiBHXH/1.0/traCuuThongTinBHXH\nmasobhxh=7937368040\n1767225600\n0123456789abcdef0123456789abcdef\nLGSPSANDBOX\nlgsp-sandbox\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            text);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("?masobhxh=7937368040", "masobhxh=7937368040")]
    [InlineData("?b=2&a=%7e&a=1", "a=1&a=~&b=2")]
    [InlineData("?q=Nguy%E1%BB%85n+V%C4%83n&flag", "flag=&q=Nguy%E1%BB%85n%20V%C4%83n")]
    [InlineData("?x=a%2fb&x=a/b", "x=a%2Fb&x=a%2Fb")]
    public void CanonicalQuery_AnyEncoding_IsSortedAndRfc3986Encoded(string query, string expected)
    {
        Assert.Equal(expected, RequestSigner.CanonicalQuery(query));
    }

    [Fact]
    public void Sign_BodyOrQueryChanged_ChangesTheSignature()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1767225600);
        var original = RequestSigner.Sign("POST", Lookup, "{}"u8, Partner, at, "n0n0n0n0n0n0n0n0");

        Assert.NotEqual(original.Authorization, RequestSigner.Sign("POST", Lookup, "{ }"u8, Partner, at, "n0n0n0n0n0n0n0n0").Authorization);
        Assert.NotEqual(original.Authorization, RequestSigner.Sign("POST", new Uri(Lookup + "1"), "{}"u8, Partner, at, "n0n0n0n0n0n0n0n0").Authorization);
        Assert.NotEqual(original.Authorization, RequestSigner.Sign("POST", Lookup, "{}"u8, Partner, at.AddSeconds(1), "n0n0n0n0n0n0n0n0").Authorization);
    }

    [Fact]
    public void NewNonce_EachCall_Is32FreshHexDigits()
    {
        var nonces = Enumerable.Range(0, 100).Select(_ => RequestSigner.NewNonce()).ToList();

        Assert.All(nonces, n => Assert.Matches("^[0-9a-f]{32}$", n));
        Assert.Equal(100, nonces.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Credentials_Printed_NeverShowTheSecretKey()
    {
        Assert.DoesNotContain(SandboxPartner.SecretKey, Partner.ToString(), StringComparison.Ordinal);
        Assert.Contains(SandboxPartner.AccessKey, Partner.ToString(), StringComparison.Ordinal);
    }
}
