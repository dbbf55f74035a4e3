using System.Text;
using Lgsp.Hub.Gateway;
using Microsoft.AspNetCore.Http;

namespace Lgsp.Hub.Tests.Gateway;

/// <summary>The canonical form of a request, held to the worked example and the rules in the Gateway README.</summary>
public sealed class CanonicalRequestTests
{
    [Fact]
    public void Sha256_TheReadmeExample_IsTheHashTheReadmeShows()
    {
        var request = Request("GET", "/api/v1/population/citizens/001190004321",
            ("X-Lgsp-Purpose", "1.001193"), ("X-Lgsp-Officer-Id", "canbo.h56.0042"), ("X-Lgsp-Request-Id", "portal-req-0001"), ("Accept", "application/json"));

        Assert.Equal("49f870fad8108d4f321b74c5c5ce281b088540fc4697c721946cfe9769d5471c", Hash(request, []));
    }

    [Fact]
    public void Sha256_HeaderNamesInAnyCaseOrOrder_SameHash()
    {
        var one = Request("GET", "/x?a=1", ("X-Lgsp-Purpose", "1.001193"), ("X-Lgsp-Officer-Id", "cb"));
        var other = Request("GET", "/x?a=1", ("x-lgsp-officer-id", "cb"), ("X-LGSP-PURPOSE", "1.001193"));

        Assert.Equal(Hash(one, []), Hash(other, []));
    }

    [Fact]
    public void Sha256_NamesSortedByTheirLowerCasedBytes()
    {
        // "_" (0x5F) sorts before "a" (0x61) in lower case, after "A" (0x41) in upper case.
        var request = Request("GET", "/x", ("X-Lgsp-A", "1"), ("X-Lgsp-_", "2"));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            Encoding.UTF8.GetBytes("GET\n/x\nx-lgsp-_:2\nx-lgsp-a:1\n\n")));

        Assert.Equal(expected, Hash(request, []));
    }

    [Fact]
    public void Sha256_BodyMethodTargetAndEachHeader_EachChangesIt()
    {
        var body = "{\"personalId\":\"001190004321\"}"u8.ToArray();
        var baseline = Hash(Request("POST", "/v?a=1", ("X-Lgsp-Purpose", "1.001193")), body);

        Assert.NotEqual(baseline, Hash(Request("POST", "/v?a=1", ("X-Lgsp-Purpose", "1.001193")), "{}"u8.ToArray()));
        Assert.NotEqual(baseline, Hash(Request("PUT", "/v?a=1", ("X-Lgsp-Purpose", "1.001193")), body));
        Assert.NotEqual(baseline, Hash(Request("POST", "/v?a=2", ("X-Lgsp-Purpose", "1.001193")), body));
        Assert.NotEqual(baseline, Hash(Request("POST", "/v?a=1", ("X-Lgsp-Purpose", "1.001194")), body));
        Assert.NotEqual(baseline, Hash(Request("POST", "/v?a=1", ("X-Lgsp-Purpose", "1.001193"), ("X-Lgsp-Request-Id", "r")), body));
        Assert.Equal(baseline, Hash(Request("POST", "/v?a=1", ("X-Lgsp-Purpose", "1.001193"), ("Accept", "application/xml")), body));
    }

    private static HttpRequest Request(string method, string target, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        var query = target.IndexOf('?', StringComparison.Ordinal);
        context.Request.Path = query < 0 ? target : target[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(target[query..]);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers.Append(name, value);
        }

        return context.Request;
    }

    private static string Hash(HttpRequest request, byte[] body)
    {
        var hash = new byte[32];
        CanonicalRequest.Sha256(request, body, hash);
        return Convert.ToHexStringLower(hash);
    }
}
