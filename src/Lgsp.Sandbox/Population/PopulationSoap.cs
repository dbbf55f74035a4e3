using System.Globalization;
using System.Xml;
using Lgsp.Sandbox.Data.Records;

namespace Lgsp.Sandbox.Population;

/// <summary>
/// The population service's SOAP 1.1 vocabulary (namespace <c>http://dancuquocgia.bca</c>) and its answers: a
/// lookup answers <c>Envelope/Body/CongdanCollection</c> holding the <c>CongDan</c> record, a verification
/// <c>Envelope/Body/KetQuaXacThuc</c> holding yes or no and which facts were compared, never the record. Both
/// answer elements carry an <c>Id</c>, the request's <c>MaYeuCau</c> and a result code (<c>MaKetQua</c> 00 found,
/// 01 not found) and are signed by the source with an enveloped XML signature, a "not found" included, so
/// nobody on the way can turn an answer into another.
/// </summary>
internal static class PopulationSoap
{
    public const string Namespace = "http://dancuquocgia.bca";
    public const string SoapNamespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Lookup = "TraCuuThongTinCongDan";
    public const string Verify = "XacThucThongTinCongDan";
    public const string Found = "00";
    public const string NotFound = "01";
    public const string ContentType = "text/xml; charset=utf-8";

    public static readonly IReadOnlySet<string> Operations = new HashSet<string>(StringComparer.Ordinal) { Lookup, Verify };

    public static string ActionOf(string operation) => Namespace + "/" + operation;

    /// <summary>The lookup's answer; <paramref name="citizen"/> null for "not found".</summary>
    public static (XmlDocument Document, XmlElement Signed) LookupAnswer(string requestId, CongDan? citizen)
    {
        var (document, body) = Envelope();
        var collection = Answer(document, body, "CongdanCollection", requestId, citizen is not null);
        if (citizen is not null)
        {
            collection.AppendChild(CongDan(document, citizen));
        }

        return (document, collection);
    }

    /// <summary>The verification's answer: matched or not, and the fields compared (<c>HoVaTen</c>, <c>NgayThangNam</c> or only <c>Nam</c>).</summary>
    public static (XmlDocument Document, XmlElement Signed) VerificationAnswer(string requestId, string? personalId, bool? matched, IReadOnlyList<string> compared)
    {
        var (document, body) = Envelope();
        var answer = Answer(document, body, "KetQuaXacThuc", requestId, matched is not null);
        if (matched is { } yes)
        {
            Add(document, answer, "SoDinhDanh", personalId);
            Add(document, answer, "KetQua", yes ? "true" : "false");
            foreach (var field in compared)
            {
                Add(document, answer, "TruongDoiChieu", field);
            }
        }

        return (document, answer);
    }

    /// <summary>A <c>soap:Client</c> fault with the service's code in the detail.</summary>
    public static string Fault(PopulationFault fault)
    {
        var (document, body) = Envelope();
        var element = document.CreateElement("soap", "Fault", SoapNamespace);
        body.AppendChild(element);
        Add(document, element, "faultcode", "soap:Client", ns: "");
        Add(document, element, "faultstring", fault.Message, ns: "");
        var detail = document.CreateElement("detail");
        element.AppendChild(detail);
        var error = document.CreateElement("LoiDichVu", Namespace);
        detail.AppendChild(error);
        Add(document, error, "MaLoi", fault.Code);
        Add(document, error, "MoTaLoi", fault.Message);
        return document.OuterXml;
    }

    /// <summary>
    /// Breaks a signed answer the way a tampering relay would: the signature stays, the content changes (a
    /// verification's result flipped, a record's given name altered, a "not found" turned into another message).
    /// </summary>
    public static void Tamper(XmlElement signed)
    {
        var target = Child(signed, "KetQua") ?? Child(Child(Child(signed, "CongDan"), "HoVaTen"), "Ten") ?? Child(signed, "MoTaKetQua")!;
        target.InnerText = target.InnerText switch
        {
            "true" => "false",
            "false" => "true",
            var text => text + "h",
        };
    }

    private static (XmlDocument Document, XmlElement Body) Envelope()
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        document.AppendChild(document.CreateXmlDeclaration("1.0", "utf-8", null));
        var envelope = document.CreateElement("soap", "Envelope", SoapNamespace);
        document.AppendChild(envelope);
        var body = document.CreateElement("soap", "Body", SoapNamespace);
        envelope.AppendChild(body);
        return (document, body);
    }

    private static XmlElement Answer(XmlDocument document, XmlElement body, string name, string requestId, bool found)
    {
        var answer = document.CreateElement(name, Namespace);
        answer.SetAttribute("Id", "kq-" + Guid.NewGuid().ToString("N"));
        body.AppendChild(answer);
        Add(document, answer, "MaYeuCau", requestId);
        Add(document, answer, "MaKetQua", found ? Found : NotFound);
        Add(document, answer, "MoTaKetQua", found ? "Thành công" : "Không tìm thấy thông tin công dân");
        return answer;
    }

    private static XmlElement CongDan(XmlDocument document, CongDan c)
    {
        var e = document.CreateElement("CongDan", Namespace);
        Add(document, e, "SoDinhDanh", c.SoDinhDanh);
        Add(document, e, "SoCMND", c.SoCmnd);
        var name = Add(document, e, "HoVaTen", null);
        Add(document, name, "Ho", c.HoVaTen.Ho);
        Add(document, name, "ChuDem", c.HoVaTen.ChuDem);
        Add(document, name, "Ten", c.HoVaTen.Ten);
        Add(document, e, "GioiTinh", ((int)c.GioiTinh).ToString(CultureInfo.InvariantCulture));
        Add(document, e, "DanToc", c.DanToc.Code);
        Add(document, e, "TonGiao", c.TonGiao.Code);
        Add(document, e, "TinhTrangHonNhan", ((int)c.TinhTrangHonNhan).ToString(CultureInfo.InvariantCulture));
        Add(document, e, "NhomMau", c.NhomMau);
        var birth = Add(document, e, "NgayThangNamSinh", null);
        Add(document, birth, "Nam", c.NgayThangNamSinh.Nam.ToString(CultureInfo.InvariantCulture));
        Add(document, birth, "NgayThangNam", c.NgayThangNamSinh.NgayThangNam?.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        Add(document, e, "QuocTich", c.QuocTich);
        Address(document, e, "NoiDangKyKhaiSinh", c.NoiDangKyKhaiSinh);
        Address(document, e, "QueQuan", c.QueQuan);
        Address(document, e, "ThuongTru", c.ThuongTru);
        Address(document, e, "NoiOHienTai", c.NoiOHienTai);
        Relative(document, e, "Cha", c.Cha);
        Relative(document, e, "Me", c.Me);
        Relative(document, e, "VoChong", c.VoChong);
        Relative(document, e, "NguoiDaiDien", c.NguoiDaiDien);
        if (c.ChuHo is { } head)
        {
            var h = Add(document, e, "ChuHo", null);
            Add(document, h, "QuanHe", head.QuanHe);
            Add(document, h, "SoDinhDanh", head.SoDinhDanh);
            Add(document, h, "SoCMND", head.SoCmnd);
            Add(document, h, "HoVaTen", head.HoVaTen.DayDu);
        }

        Add(document, e, "SoSoHoKhau", c.SoSoHoKhau);
        if (c.NgayChet is { } died)
        {
            Add(document, e, "NgayChet", died.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        }

        return e;
    }

    /// <summary>The district fields stay in the record, empty, since districts were abolished on 1 July 2025.</summary>
    private static void Address(XmlDocument document, XmlElement parent, string name, DiaChi address)
    {
        var a = Add(document, parent, name, null);
        Add(document, a, "MaTinhThanh", address.MaTinhThanh);
        Add(document, a, "MaQuanHuyen", null);
        Add(document, a, "MaPhuongXa", address.MaPhuongXa);
        Add(document, a, "TenTinhThanh", address.TenTinhThanh);
        Add(document, a, "TenQuanHuyen", null);
        Add(document, a, "TenPhuongXa", address.TenPhuongXa);
        Add(document, a, "ChiTiet", address.ChiTiet);
        Add(document, a, "QuocGia", address.QuocGia);
    }

    private static void Relative(XmlDocument document, XmlElement parent, string name, NguoiThan? relative)
    {
        if (relative is null)
        {
            return;
        }

        var r = Add(document, parent, name, null);
        Add(document, r, "HoVaTen", relative.HoVaTen.DayDu);
        Add(document, r, "QuocTich", relative.QuocTich);
        Add(document, r, "SoDinhDanh", relative.SoDinhDanh);
        Add(document, r, "SoCMND", relative.SoCmnd);
    }

    /// <summary>An element with text; a null or empty value gives an empty element, as the service writes absent values.</summary>
    private static XmlElement Add(XmlDocument document, XmlElement parent, string name, string? text, string ns = Namespace)
    {
        var element = document.CreateElement(name, ns);
        if (!string.IsNullOrEmpty(text))
        {
            element.InnerText = text;
        }

        parent.AppendChild(element);
        return element;
    }

    private static XmlElement? Child(XmlElement? parent, string name) =>
        parent?.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == name && e.NamespaceURI == Namespace);
}
