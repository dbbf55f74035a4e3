using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Lgsp.Sandbox.Population;

/// <summary>
/// One call to the population database as it arrives: the operation (from the body, checked against
/// <c>SOAPAction</c>) and the request fields in the schema's order (DOMAIN.md §3.1): <c>MaYeuCau</c>, <c>MaDVC</c>,
/// <c>MaTichHop</c>, <c>MaCanBo</c>, <c>SoDinhDanh</c>, <c>SoCMND</c>, <c>HoVaTen</c>, <c>NgayThangNamSinh{Nam,
/// NgayThangNam}</c>. Reading is as strict as a schema-validating SOAP stack: fields out of order, repeated or
/// unknown are refused.
/// </summary>
internal sealed partial record PopulationRequest(
    string Operation,
    string? MaYeuCau,
    string? MaDvc,
    string? MaTichHop,
    string? MaCanBo,
    string? SoDinhDanh,
    string? SoCmnd,
    string? HoVaTen,
    string? Nam,
    string? NgayThangNam,
    IReadOnlyList<string> FieldOrder)
{
    public static readonly string[] Fields = ["MaYeuCau", "MaDVC", "MaTichHop", "MaCanBo", "SoDinhDanh", "SoCMND", "HoVaTen", "NgayThangNamSinh"];

    /// <summary>The operation element of a SOAP 1.1 envelope, checked against the <c>SOAPAction</c> header.</summary>
    public static PopulationRequest Read(XmlDocument document, string? soapAction)
    {
        var envelope = document.DocumentElement;
        if (envelope is null || envelope.LocalName != "Envelope" || envelope.NamespaceURI != PopulationSoap.SoapNamespace)
        {
            throw PopulationFault.Client(PopulationFault.Malformed, "Yêu cầu không phải SOAP 1.1 Envelope.");
        }

        var body = Elements(envelope).Where(e => e.LocalName == "Body" && e.NamespaceURI == PopulationSoap.SoapNamespace).ToList();
        var operations = body.Count == 1 ? Elements(body[0]).ToList() : [];
        if (operations.Count != 1)
        {
            throw PopulationFault.Client(PopulationFault.Malformed, "Envelope phải có đúng một Body chứa đúng một thao tác.");
        }

        var operation = operations[0];
        if (operation.NamespaceURI != PopulationSoap.Namespace || !PopulationSoap.Operations.Contains(operation.LocalName))
        {
            throw PopulationFault.Client(PopulationFault.UnknownOperation, "Thao tác không được hỗ trợ.");
        }

        var action = soapAction?.Trim().Trim('"');
        if (string.IsNullOrEmpty(action))
        {
            throw PopulationFault.Client(PopulationFault.UnknownOperation, "Thiếu tiêu đề SOAPAction.");
        }

        if (action != PopulationSoap.ActionOf(operation.LocalName))
        {
            throw PopulationFault.Client(PopulationFault.UnknownOperation, "SOAPAction không khớp với thao tác trong Body.");
        }

        var values = new Dictionary<string, XmlElement>(StringComparer.Ordinal);
        var order = new List<string>();
        var last = -1;
        foreach (var field in Elements(operation))
        {
            order.Add(field.LocalName);
            var index = field.NamespaceURI == PopulationSoap.Namespace ? Array.IndexOf(Fields, field.LocalName) : -1;
            if (index < 0)
            {
                throw PopulationFault.Client(PopulationFault.InvalidField, $"Trường không hợp lệ: {field.LocalName}.");
            }

            if (index <= last)
            {
                throw PopulationFault.Client(PopulationFault.InvalidField, $"Trường {field.LocalName} sai thứ tự hoặc bị lặp lại.");
            }

            last = index;
            values[field.LocalName] = field;
        }

        string? Text(string name) => values.TryGetValue(name, out var e) ? Trimmed(e.InnerText) : null;
        var (nam, ngayThangNam) = values.TryGetValue("NgayThangNamSinh", out var birth) ? Birth(birth) : (null, null);
        return new PopulationRequest(operation.LocalName, Text("MaYeuCau"), Text("MaDVC"), Text("MaTichHop"), Text("MaCanBo"),
            Text("SoDinhDanh"), Text("SoCMND"), Text("HoVaTen"), nam, ngayThangNam, order);
    }

    /// <summary>Refuses what the real service refuses, in order: missing required fields, the integration code, the person's identifiers.</summary>
    public void Validate(string integrationCode)
    {
        var missing = new List<string>();
        void Require(string? value, string name)
        {
            if (value is null)
            {
                missing.Add(name);
            }
        }

        Require(MaYeuCau, "MaYeuCau");
        Require(MaDvc, "MaDVC");
        Require(MaTichHop, "MaTichHop");
        Require(MaCanBo, "MaCanBo");
        if (Operation == PopulationSoap.Verify)
        {
            Require(HoVaTen, "HoVaTen");
            if (Nam is null && NgayThangNam is null)
            {
                missing.Add("NgayThangNamSinh");
            }
        }

        if (missing.Count > 0)
        {
            throw PopulationFault.Client(PopulationFault.MissingField, $"Thiếu trường bắt buộc: {string.Join(", ", missing)}.");
        }

        if (MaYeuCau!.Length > 64)
        {
            throw PopulationFault.Client(PopulationFault.InvalidField, "MaYeuCau dài quá 64 ký tự.");
        }

        if (!NationalProcedureCode().IsMatch(MaDvc!))
        {
            throw PopulationFault.Client(PopulationFault.InvalidField, "MaDVC không phải mã thủ tục hành chính quốc gia (ví dụ 1.001193).");
        }

        if (!string.Equals(MaTichHop, integrationCode, StringComparison.Ordinal))
        {
            throw PopulationFault.Client(PopulationFault.NotRegistered, "Mã tích hợp (MaTichHop) chưa được cấp quyền khai thác.");
        }

        if (SoDinhDanh is null && SoCmnd is null)
        {
            throw PopulationFault.Client(PopulationFault.InvalidIdentifier, "Cần số định danh cá nhân (SoDinhDanh) hoặc số CMND (SoCMND).");
        }

        if (SoDinhDanh is not null && !Digits(SoDinhDanh, 12) || SoCmnd is not null && !Digits(SoCmnd, 9))
        {
            throw PopulationFault.Client(PopulationFault.InvalidIdentifier, "Số định danh cá nhân gồm 12 chữ số, số CMND gồm 9 chữ số.");
        }

        if (Nam is not null && !Digits(Nam, 4))
        {
            throw PopulationFault.Client(PopulationFault.InvalidField, "Nam (năm sinh) gồm 4 chữ số.");
        }

        if (NgayThangNam is not null && BirthDate is null)
        {
            throw PopulationFault.Client(PopulationFault.InvalidField, "NgayThangNam không phải ngày hợp lệ dạng yyyyMMdd.");
        }

        if (Nam is not null && BirthDate is { } d && d.Year.ToString(CultureInfo.InvariantCulture) != Nam)
        {
            throw PopulationFault.Client(PopulationFault.InvalidField, "Nam và NgayThangNam không cùng một năm.");
        }
    }

    /// <summary><see cref="NgayThangNam"/> read as <c>yyyyMMdd</c>.</summary>
    public DateOnly? BirthDate =>
        DateOnly.TryParseExact(NgayThangNam, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static (string? Nam, string? NgayThangNam) Birth(XmlElement element)
    {
        string? nam = null, ngay = null;
        var last = -1;
        foreach (var part in Elements(element))
        {
            var index = part.NamespaceURI != PopulationSoap.Namespace ? -1 : part.LocalName switch { "Nam" => 0, "NgayThangNam" => 1, _ => -1 };
            if (index <= last)
            {
                throw PopulationFault.Client(PopulationFault.InvalidField, $"NgayThangNamSinh chỉ gồm Nam và NgayThangNam theo thứ tự đó ({part.LocalName}).");
            }

            last = index;
            if (index == 0)
            {
                nam = Trimmed(part.InnerText);
            }
            else
            {
                ngay = Trimmed(part.InnerText);
            }
        }

        return (nam, ngay);
    }

    private static IEnumerable<XmlElement> Elements(XmlElement parent) => parent.ChildNodes.OfType<XmlElement>();

    private static string? Trimmed(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool Digits(string text, int length) => text.Length == length && text.All(char.IsAsciiDigit);

    [GeneratedRegex(@"^[0-9]\.[0-9]{6}$")]
    private static partial Regex NationalProcedureCode();
}
