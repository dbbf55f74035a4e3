using System.Text;
using CsCheck;

namespace Lgsp.Hub.Tests.Hostile;

internal sealed record HostileBody(byte[] Bytes, bool Xml);

/// <summary>Hostile JSON and XML bodies.</summary>
internal static class HostileBodies
{
    /// <summary>Field names the hub's bodies have (dossiers, steps, batches, verification, operators' changes).</summary>
    private static readonly string[] Fields =
    [
        "code", "personalId", "fullName", "birthYear", "dateOfBirth", "procedure", "nationalCode", "receivingAgencyCode", "status", "channel", "owner",
        "identifiers", "steps", "seq", "occurredAt", "items", "reason", "changes", "baseUrl", "attemptTimeout", "to", "version", "dueAt", "receivedAt", "kind",
    ];

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (3, HostileGen.Code.Where(c => c.Length < 5000).Select(Quote)),
        (2, Gen.OneOf("1e999999", "-1e999999", "123456789012345678901234567890123456789", "-0", "0.0000000000000000000000000001", "1E+2147483648", "NaN", "Infinity", "0x10", "01", "+1", ".5", "1.", "9007199254740993", "-9223372036854775809")),
        (2, Gen.OneOf("null", "true", "false", "[]", "{}", "[null]", "{\"\":null}", "\"\"", "[[[]]]")),
        (1, Gen.Int[0, 15].Select(n => Quote(new string('\\', n) + "\\u0000\\ud800"))));

    private static readonly Gen<string> Realistic = Gen.Select(Gen.OneOf(Fields), Scalar, Gen.Bool, (field, value, duplicate) =>
        $$"""
        {"code":"H56.14-251201-0001!","procedure":{"nationalCode":"1.001193","name":"x"},"receivingAgencyCode":"H56.14","status":2,"channel":1,
         "owner":{"kind":1,"name":"A","identifiers":[{"type":"personalId","value":"079203001234"}]},"submittedAt":"2025-12-01T07:45:00+07:00",
         "receivedAt":"2025-12-01T08:00:00+07:00","dueAt":"2025-12-03T17:00:00+07:00","personalId":"001190004321","fullName":"Nguyễn Văn An","birthYear":1990,
         "steps":[{"seq":1,"status":4,"occurredAt":"2025-12-01T09:00:00+07:00"}],"items":[{"code":"x!"}],"reason":"hostile","changes":{"attemptTimeout":"00:00:05"},
         "{{field}}":{{value}}{{(duplicate ? $",\"{field}\":{value},\"{field}\":[]" : string.Empty)}}}
        """);

    private static readonly Gen<string> Deep = Gen.Select(Gen.Int[64, 20_000], Gen.Bool, (depth, array) => array
        ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));

    private static readonly Gen<string> Broken = Gen.OneOf("", "{", "{\"code\":", "{\"code\":\"x", "[1,2", "{'code':'x'}", "{code:1}", "{\"a\":1,}", "{\"a\":1}{\"a\":2}", "\uFEFF{}", "null", "[]", "\"just a string\"", "{\"a\":1}garbage", "{\"a\":\"\\x41\"}", "{\"a\":\"\t\"}", "{\"a\":01}");

    private const string XmlPacket = "<Packet xmlns=\"urn:lgsp:packet:v1\"><Header><MessageId>1</MessageId></Header><Body><Citizen><PersonalId>001190004321</PersonalId></Citizen></Body>";

    private static readonly Gen<string> Xml = Gen.OneOf(
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/evil.dtd\"> %p;]><r/>",
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\"><!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\"><!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\"><!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\"><!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\"><!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\"><!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]><lolz>&lol9;</lolz>",
        // Signature wrapping: a signed decoy beside the element that would be processed, and a second signature.
        XmlPacket + "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo><ds:Reference URI=\"#decoy\"/></ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue><ds:Object><Body Id=\"decoy\"/></ds:Object></ds:Signature></Packet>",
        XmlPacket + "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/><ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/></Packet>",
        "<?xml version=\"1.0\" encoding=\"UTF-7\"?>+ADw-r+AD4-",
        "<r><![CDATA[" + new string('x', 10_000) + "]]></r>",
        "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></r>",
        string.Concat(Enumerable.Repeat("<a>", 5000)) + string.Concat(Enumerable.Repeat("</a>", 5000)),
        "<?xml version=\"1.0\"?><r attr=\"" + new string('a', 100_000) + "\"/>");

    public static readonly Gen<HostileBody> Body = Gen.Frequency(
        (4, Realistic.Select(Utf8)),
        (2, Deep.Select(Utf8)),
        (2, Broken.Select(Utf8)),
        (1, Gen.OneOf(Fields).Array[1, 6].Select(names => "{" + string.Join(",", names.Select(n => $"\"{n}\":\"a\"")) + "," + string.Join(",", names.Select(n => $"\"{n}\":[]")) + "}").Select(Utf8)),
        (1, Gen.Byte.Array[1, 64].Select(b => new HostileBody([.. "{\"code\":\""u8.ToArray(), .. b, .. "\"}"u8.ToArray()], false))),
        (2, Xml.Select(x => new HostileBody(Encoding.UTF8.GetBytes(x), true))));

    /// <summary>A JSON object with hostile codes in the fields the hub reads codes from.</summary>
    public static string CodeObject(IReadOnlyList<string> codes) =>
        $$"""{"code":{{Quote(codes[0])}},"personalId":{{Quote(codes[1])}},"receivingAgencyCode":{{Quote(codes[2])}},"procedure":{"nationalCode":{{Quote(codes[3])}}},"owner":{"kind":1,"name":"A","identifiers":[{"type":"personalId","value":{{Quote(codes[4])}}}]},"fullName":"A","birthYear":1990,"reason":{{Quote(codes[5])}},"status":2,"channel":1}""";

    private static HostileBody Utf8(string s) => new(Encoding.UTF8.GetBytes(s), false);

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
