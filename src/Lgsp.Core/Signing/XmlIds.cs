using System.Xml;

namespace Lgsp.Core.Signing;

/// <summary>
/// Id attributes as a signature-wrapping attacker sees them: .NET resolves <c>#id</c> through <c>Id</c>,
/// <c>id</c> and <c>ID</c> in that order, other libraries through <c>xml:id</c> or <c>wsu:Id</c>. So any
/// attribute whose local name is "id" in any case and any namespace counts, and a value must be carried by
/// exactly one element of the document.
/// </summary>
internal static class XmlIds
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    /// <summary>The Reference URI of an enveloped signature over the whole document (XML-DSig §4.4.3.2).</summary>
    public const string WholeDocument = "";

    public static bool IsNcName(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        try
        {
            XmlConvert.VerifyNCName(value);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    public static bool Carries(XmlElement element, string id)
    {
        foreach (XmlAttribute attribute in element.Attributes)
        {
            if (IsIdLike(attribute) && string.Equals(attribute.Value, id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The values of the element's own Id-like attributes.</summary>
    public static IEnumerable<string> IdsOf(XmlElement element) =>
        element.Attributes.Cast<XmlAttribute>().Where(IsIdLike).Select(a => a.Value);

    /// <summary>True when a comment lies anywhere in <paramref name="node"/>: content no signature covers.</summary>
    public static bool HasComment(XmlNode node) => node.SelectSingleNode("descendant::comment()") is not null;

    /// <summary>How many elements of the document carry <paramref name="id"/> under any Id-like attribute.</summary>
    public static int CountCarriers(XmlDocument document, string id)
    {
        var count = 0;
        foreach (XmlNode node in document.GetElementsByTagName("*"))
        {
            if (node is XmlElement element && Carries(element, id))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>True when the element hangs in its document's tree (not created or removed and left floating).</summary>
    public static bool IsAttached(XmlElement element)
    {
        XmlNode? node = element;
        while (node is not null and not XmlDocument)
        {
            node = node is XmlAttribute attribute ? attribute.OwnerElement : node.ParentNode;
        }

        return node is XmlDocument;
    }

    private static bool IsIdLike(XmlAttribute attribute) =>
        attribute.LocalName.Equals("id", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(attribute.NamespaceURI, XmlnsNamespace, StringComparison.Ordinal);
}
