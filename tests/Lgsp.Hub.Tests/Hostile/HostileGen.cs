using System.Text;
using CsCheck;

namespace Lgsp.Hub.Tests.Hostile;

/// <summary>
/// The generators (CsCheck): every input is a pure function of the run's seed, so a failing one is reproduced by
/// setting <c>LGSP_HOSTILE_SEED</c>. Families: malformed and boundary codes in paths, queries, headers and bodies;
/// header injection (CR/LF, very long, non-ASCII, duplicated); JSON and XML bodies (deep nesting, huge numbers,
/// duplicate keys, wrong types, XXE, billion laughs, signature wrapping); forged, expired, alg:none, wrong-audience
/// and wrong-scope tokens; oversized, chunked and slow bodies.
/// </summary>
internal sealed class HostileGen(IReadOnlyList<HostileEndpoint> endpoints)
{
    private const string Sample = "001190004321";

    /// <summary>Well-formed codes of every kind the hub parses, for mutation and as boundary cases.</summary>
    private static readonly string[] Codes =
    [
        "001190004321", "079203001234", "012345678", "0101234567", "0101234567-001", "0312345678", "7912345678", "1234567890",
        "000.00.14.H56", "H56.14", "G01.001.000.000", "H56.14-251201-0001", "000.00.14.H56-251201-0001", "1.001193", "2.000889",
        "01234", "CS 123456", "KS", "01/2019", "17", "2025-12", "2025-Q4",
    ];

    private static readonly string[] Nasty =
    [
        "", " ", "  ", "\t", "0", "-1", "00000000000000000000", "99999999999999999999999999999999", "1e309", "NaN", "null", "undefined",
        "' OR '1'='1", "1; DROP TABLE message_log;--", "../../admin/v1/adapters", "..%2f..%2fadmin", "%00", "%2e%2e%2f", "%252e",
        "{0}{1}%s%n%x", "${jndi:ldap://x/a}", "<script>alert(1)</script>", "\u202Eevil", "\uFEFF001190004321", "０１２３４５６７８９０１",
        "٠٠١١٩٠٠٠٤٣٢١", "00119000432\u0301", "Ǆ", "😀", "\uD800", "a\u0000b", "H56.14-991399-0001", "H56.14-250230-0001",
        "H56.14-251201-0000", "H56.14-251201-99999", "000.00.14.H99", "000.00.00.H56", "999.99.99.Z99", "1.999999", "0.001193",
        "1.0011930", "1.00119", "0101234567-000", "0101234567-1000", "0101234567--001", "010123456-7", "1234567890123",
        "001190004321 ", " 001190004321", "00119000432l", "000000000000", "999999999999", "001900004321", "001390004321",
    ];

    private static readonly Gen<string> NastyChar = Gen.OneOf("\r", "\n", "\r\n", "\0", "%", "/", "\\", "?", "#", "&", "=", ";", ",", "\"", "'", "<", ">", "ễ", "\u00A0", "\u2028", "\uFFFD", "\u0085", "../");

    /// <summary>A malformed or boundary code: a listed nasty value, a mutated real one, random digits or symbols, or a very long one.</summary>
    public static readonly Gen<string> Code = Gen.Frequency(
        (3, Gen.OneOf(Nasty)),
        (2, Gen.OneOf(Codes)),
        (3, Gen.Select(Gen.OneOf(Codes), Gen.Int[0, 24], NastyChar, Gen.Bool, (code, at, c, replace) =>
            code[..Math.Min(at, code.Length)] + c + code[Math.Min(replace ? at + 1 : at, code.Length)..])),
        (2, Gen.Char["0123456789"].Array[0, 22].Select(a => new string(a))),
        (1, Gen.Char["0123456789.-/ ABCHZ"].Array[0, 30].Select(a => new string(a))),
        (1, Gen.Int[300, 70_000].Select(n => new string('9', n))));

    /// <summary>A header value: a code, or an injection (CR/LF, folding, NUL), a very long one, or non-ASCII bytes.</summary>
    private static readonly Gen<string> HeaderValue = Gen.Frequency(
        (3, Code.Where(c => c.Length < 4000)),
        (2, Gen.Select(Gen.OneOf(Codes), Gen.OneOf("\r\nX-Lgsp-Officer-Id: admin", "\r\nAuthorization: Bearer x", "\r\n\r\nGET / HTTP/1.1", "\n injected", "\r injected", "\r\n folded", "\0"), (c, i) => c + i)),
        (1, Gen.Int[4_000, 70_000].Select(n => new string('A', n))),
        (2, Gen.OneOf("Nguyễn Văn An", "canbo.ễ", "\u00FF\u00FE", "日本語", "\uD83D\uDE00", "\u0080\u0081")));

    private static readonly string[] KnownHeaders = ["X-Lgsp-Purpose", "X-Lgsp-Officer-Id", "X-Lgsp-Request-Id", "Accept", "Accept-Language", "Content-Type", "If-Match", "Idempotency-Key", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "Host", "Content-Length", "Transfer-Encoding", "Expect", "Cookie"];

    public Gen<HostileRequest> Requests => Gen.Int[0, endpoints.Count - 1].SelectMany(i => ForEndpoint(endpoints[i]));

    private Gen<HostileRequest> ForEndpoint(HostileEndpoint e) => e.Kind == RefusalKind.OAuth
        ? HostileOAuthGen.For(e)
        : Gen.Frequency(
            (4, CodesIn(e)),
            (2, Headers(e)),
            (3, Bodies(e)),
            (3, Tokens(e)),
            (1, Oversized(e)),
            (1, Slow(e)));

    /// <summary>Hostile codes in the path, the query and the gateway's headers, with a token that lets them reach validation.</summary>
    private static Gen<HostileRequest> CodesIn(HostileEndpoint e) =>
        Gen.Select(Code.Array[3, 3], Code.Array[6, 6], Gen.Int[0, 3], Gen.OneOf(HostileToken.Valid, HostileToken.Valid, HostileToken.WrongScope), (path, query, mode, token) =>
        {
            var headers = GatewayHeaders(mode == 0 ? "1.001193" : query[0], mode == 1 ? "canbo.h56.0042" : query[1]);
            return new HostileRequest("codes", e.Name, e.Method, Target(e, path, e.QueryParameters.Select((q, i) => (q, query[i % query.Length]))), headers,
                e.TakesBody ? Encoding.UTF8.GetBytes(HostileBodies.CodeObject(query)) : null, token);
        });

    /// <summary>Header injection: CR/LF, folding, very long, non-ASCII, duplicated (two purposes, two lengths, length and chunked).</summary>
    private static Gen<HostileRequest> Headers(HostileEndpoint e) =>
        Gen.Select(Gen.OneOf(KnownHeaders), HeaderValue, Gen.Int[0, 4], Gen.OneOf(HostileToken.Valid, HostileToken.Valid, HostileToken.DoubleAuthorization, HostileToken.None), (name, value, dup, token) =>
        {
            var headers = GatewayHeaders("1.001193", "canbo.h56.0042");
            headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase) && dup != 1);
            headers.Add(KeyValuePair.Create(name, value));
            if (dup == 2)
            {
                headers.Add(KeyValuePair.Create(name, value + "-second"));
            }
            else if (dup == 3)
            {
                headers.Add(KeyValuePair.Create("Content-Length", "0"));
                headers.Add(KeyValuePair.Create("Content-Length", "5"));
            }
            else if (dup == 4)
            {
                headers.Add(KeyValuePair.Create("Transfer-Encoding", "chunked"));
            }

            return new HostileRequest("headers", e.Name, e.Method, Target(e, [Sample, Sample, Sample], e.QueryParameters.Select(q => (q, "01234"))), headers,
                e.TakesBody || dup >= 3 ? "{}"u8.ToArray() : null, token);
        });

    /// <summary>JSON and XML bodies: deep, huge, duplicated, mistyped, truncated, invalid UTF-8, XXE, billion laughs, wrapped signatures.</summary>
    private static Gen<HostileRequest> Bodies(HostileEndpoint e) =>
        Gen.Select(HostileBodies.Body, Gen.OneOf("application/json", "application/json; charset=utf-8", "application/xml", "text/xml", "application/x-www-form-urlencoded", "text/plain", "application/json; charset=utf-16", "multipart/form-data; boundary=x"), (body, type) =>
        {
            var headers = GatewayHeaders("1.001193", "canbo.h56.0042");
            headers.Add(KeyValuePair.Create("Content-Type", body.Xml && type.Contains("json", StringComparison.Ordinal) ? "application/xml" : type));
            headers.Add(KeyValuePair.Create("Idempotency-Key", "hostile-" + body.Bytes.Length));
            headers.Add(KeyValuePair.Create("If-Match", "\"0\""));
            return new HostileRequest("bodies", e.Name, e.Method is "GET" ? "POST" : e.Method, Target(e, [Sample, "business", Sample], e.QueryParameters.Select(q => (q, "01234"))), headers, body.Bytes, HostileToken.Valid);
        });

    /// <summary>Forged, tampered, expired, not-yet-valid, alg:none, HMAC-confused, wrong-audience, wrong-issuer and wrong-scope tokens.</summary>
    private static Gen<HostileRequest> Tokens(HostileEndpoint e) =>
        Gen.Select(Gen.OneOf(Enum.GetValues<HostileToken>()), Gen.Bool, (token, xml) =>
        {
            var headers = GatewayHeaders("1.001193", "canbo.h56.0042");
            if (xml)
            {
                headers.Add(KeyValuePair.Create("Accept", "application/xml"));
            }

            return new HostileRequest("tokens", e.Name, e.Method, Target(e, [Sample, "business", Sample], e.QueryParameters.Select(q => (q, "01234"))), headers,
                e.TakesBody ? "{\"reason\":\"hostile\"}"u8.ToArray() : null, token);
        });

    /// <summary>Bodies over every endpoint's cap: a lying Content-Length, or a chunked body that goes on past it.</summary>
    private static Gen<HostileRequest> Oversized(HostileEndpoint e) =>
        Gen.Select(Gen.Int[2, 6], Gen.Bool, (megabytes, lying) =>
        {
            var headers = GatewayHeaders("1.001193", "canbo.h56.0042");
            headers.Add(KeyValuePair.Create("Content-Type", "application/json"));
            if (lying)
            {
                headers.Add(KeyValuePair.Create("Content-Length", "1099511627776"));
                return new HostileRequest("oversized", e.Name, e.Method is "GET" ? "POST" : e.Method, Target(e, [Sample, "business", Sample], []), headers, "{\"a\":1}"u8.ToArray(), HostileToken.Valid);
            }

            var body = Encoding.UTF8.GetBytes("{\"reason\":\"" + new string('x', megabytes * 1024 * 1024) + "\"}");
            return new HostileRequest("oversized", e.Name, e.Method is "GET" ? "POST" : e.Method, Target(e, [Sample, "business", Sample], []), headers, body, HostileToken.Valid, Chunked: true);
        });

    /// <summary>A slow sender: a hostile body trickled in pieces, chunked or not.</summary>
    private static Gen<HostileRequest> Slow(HostileEndpoint e) =>
        Gen.Select(HostileBodies.Body.Where(b => b.Bytes.Length < 200_000), Gen.Int[2, 8], Gen.Bool, (body, pieces, chunked) =>
        {
            var headers = GatewayHeaders("1.001193", "canbo.h56.0042");
            headers.Add(KeyValuePair.Create("Content-Type", body.Xml ? "application/xml" : "application/json"));
            return new HostileRequest("slow", e.Name, e.TakesBody ? e.Method : "POST", Target(e, [Sample, "business", Sample], []), headers, body.Bytes, HostileToken.Valid, pieces, chunked);
        });

    private static List<KeyValuePair<string, string>> GatewayHeaders(string purpose, string officer) =>
        [KeyValuePair.Create("X-Lgsp-Purpose", purpose), KeyValuePair.Create("X-Lgsp-Officer-Id", officer)];

    /// <summary>The route template with its path parameters replaced (percent-encoded, except '%' escapes left raw now and then) and a query.</summary>
    public static string Target(HostileEndpoint e, IReadOnlyList<string> pathValues, IEnumerable<(string Name, string Value)> query)
    {
        var target = e.Template;
        var i = 0;
        foreach (var parameter in e.PathParameters)
        {
            var value = pathValues[i++ % pathValues.Count];
            var placeholder = target.IndexOf("{" + parameter, StringComparison.Ordinal);
            if (placeholder < 0)
            {
                continue;
            }

            var close = target.IndexOf('}', placeholder);
            target = target[..placeholder] + Uri.EscapeDataString(Truncate(value)) + target[(close + 1)..];
        }

        var pairs = query.Select(q => Uri.EscapeDataString(q.Name) + "=" + Uri.EscapeDataString(Truncate(q.Value))).ToList();
        return pairs.Count == 0 ? target : target + "?" + string.Join("&", pairs);
    }

    // Kestrel's request-line limit is 8 KiB by default; longer targets are a header attack of their own, kept to the headers family.
    private static string Truncate(string value) => value.Length > 2000 ? value[..2000] : value;
}

/// <summary>The tokens a hostile request can carry; the suite turns each into a real string at send time.</summary>
internal enum HostileToken
{
    None,
    Valid,
    WrongScope,
    Garbage,
    Empty,
    BasicScheme,
    AlgNone,
    Tampered,
    BadSignature,
    Expired,
    NotYetValid,
    WrongAudience,
    WrongIssuer,
    HmacConfusion,
    DoubleAuthorization,
}
