using System.Text;
using Lgsp.Core.Packets;

namespace Lgsp.Hub.Gateway;

/// <summary>Step 9's forms: a detached JWS over the JSON packet, or the enveloped XML-DSig, whichever the caller asked for.</summary>
internal sealed partial class LookupGateway
{
    private SignedAnswer SignJson(Packet packet)
    {
        var bytes = PacketJson.ToUtf8Bytes(packet);
        var jws = signer.SignDetachedJws(bytes);
        return new SignedAnswer(bytes, JsonContentType, jws, jws);
    }

    private SignedAnswer SignXml(Packet packet)
    {
        var document = PacketXml.ToXmlDocument(packet);
        var signature = signer.SignXml(document.DocumentElement!);
        var value = signature.GetElementsByTagName("SignatureValue", PacketXml.XmlDsigNamespace)[0]?.InnerText;
        return new SignedAnswer(Encoding.UTF8.GetBytes(document.OuterXml), XmlContentType, null, value);
    }

    /// <summary>XML only when the caller prefers it; JSON is the default (also for <c>*/*</c> and no Accept).</summary>
    internal static bool WantsXml(HttpRequest request)
    {
        double xml = 0, json = 0;
        foreach (var media in request.GetTypedHeaders().Accept)
        {
            var quality = media.Quality ?? 1;
            var type = media.MediaType.Value;
            if (string.Equals(type, "application/xml", StringComparison.OrdinalIgnoreCase) || string.Equals(type, "text/xml", StringComparison.OrdinalIgnoreCase))
            {
                xml = Math.Max(xml, quality);
            }
            else if (string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase) || type is "*/*" or "application/*")
            {
                json = Math.Max(json, quality);
            }
        }

        return xml > 0 && xml > json;
    }

    private sealed record SignedAnswer(byte[] Bytes, string ContentType, string? Jws, string? SignatureForLog);
}
