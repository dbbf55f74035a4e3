using System.Globalization;
using System.Text;
using System.Xml;
using Lgsp.Sandbox.Data.Records;

namespace Lgsp.Sandbox.CivilRegistry;

/// <summary>
/// The civil registry's XML record, <c>&lt;hotich&gt;&lt;hoso&gt;…&lt;/hoso&gt;&lt;/hotich&gt;</c>, with the field
/// prefixes of the Ministry of Justice's exchange (DOMAIN.md §3.5, TD-DVC's <c>HoTichKhaiSinh</c>/<c>HoTichKhaiTu</c>):
/// <c>nks*</c> the child, <c>nkt*</c> the deceased, <c>me*</c>/<c>cha*</c> the parents, <c>chong*</c>/<c>vo*</c> the
/// spouses, <c>nyc*</c> the requester, <c>maGCS</c> the birth certificate from the hospital, <c>maGBT</c>/<c>gbt*</c>
/// the death notice, and the registration itself (<c>maDonVi</c>, <c>soDangKy</c>, <c>quyenSo</c>, <c>trangSo</c>,
/// <c>ngayDangKy</c>, <c>maGiayToKetQua</c>). Dates are <c>dd/MM/yyyy</c>, genders 1 (Nam) / 2 (Nữ), personal ids in
/// <c>*SoDDCN</c>, addresses <c>{maTinh, maXa, dcChiTiet, quocGia}</c>. Absent values are empty elements; a father
/// who is not established has no <c>cha*</c> fields at all.
/// </summary>
internal static class HoTichXml
{
    public static string Document(IEnumerable<HoTich> entries)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = false };
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("hotich");
            foreach (var entry in entries)
            {
                HoSo(w, entry);
            }

            w.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void HoSo(XmlWriter w, HoTich entry)
    {
        w.WriteStartElement("hoso");
        Field(w, "module", entry.Loai.ToString());
        Field(w, "maDonVi", entry.MaDonVi);
        Field(w, "noiDangKy", entry.TenCoQuanDangKy);
        Field(w, "soDangKy", entry.SoDangKy.ToString(CultureInfo.InvariantCulture));
        Field(w, "quyenSo", entry.QuyenSo);
        Field(w, "trangSo", entry.TrangSo.ToString(CultureInfo.InvariantCulture));
        Field(w, "ngayDangKy", Date(entry.NgayDangKy));
        Field(w, "maGiayToKetQua", entry.MaGiayToKetQua);
        switch (entry)
        {
            case KhaiSinh ks:
                Field(w, "maGCS", ks.MaGcs);
                Field(w, "ngayCapGCS", Date(ks.NgayCapGcs));
                Field(w, "noiCapGCS", ks.NoiCapGcs);
                Person(w, "nks", ks.Nks);
                Place(w, "nksNoiSinh", ks.NksNoiSinh);
                Address(w, "nksQueQuan", ks.NksQueQuan);
                Person(w, "me", ks.Me);
                if (ks.Cha is { } father)
                {
                    Person(w, "cha", father);
                }

                Requester(w, ks.Nyc);
                break;
            case KhaiTu kt:
                Field(w, "maGBT", kt.MaGbt);
                Field(w, "gbtLoai", kt.GbtLoai);
                Field(w, "gbtSo", kt.GbtSo);
                Field(w, "gbtNgay", Date(kt.GbtNgay));
                Field(w, "gbtCoQuanCap", kt.GbtCoQuanCap);
                Person(w, "nkt", kt.Nkt);
                Field(w, "nktNgayChet", Date(kt.NktNgayChet));
                Place(w, "nktNoiChet", kt.NktNoiChet);
                Field(w, "nktNguyenNhanChet", kt.NktNguyenNhanChet);
                Requester(w, kt.Nyc);
                break;
            case KetHon kh:
                Person(w, "chong", kh.Chong);
                Person(w, "vo", kh.Vo);
                break;
        }

        w.WriteEndElement();
    }

    private static void Person(XmlWriter w, string prefix, NguoiHoTich p)
    {
        Field(w, prefix + "HoTen", p.HoTen.DayDu);
        Field(w, prefix + "GioiTinh", ((int)p.GioiTinh).ToString(CultureInfo.InvariantCulture));
        Field(w, prefix + "NgaySinh", Date(p.NgaySinh));
        Field(w, prefix + "DanToc", p.DanToc.Code);
        Field(w, prefix + "QuocTich", p.QuocTich);
        Address(w, prefix + "NoiCuTru", p.NoiCuTru);
        Field(w, prefix + "SoDDCN", p.SoDinhDanh);
    }

    private static void Requester(XmlWriter w, NguoiYeuCau nyc)
    {
        Field(w, "nycHoTen", nyc.HoTen.DayDu);
        Field(w, "nycQuanHe", nyc.QuanHe);
        Field(w, "nycSoGiayToTuyThan", nyc.SoGiayToTuyThan);
    }

    private static void Address(XmlWriter w, string name, DiaChi address)
    {
        w.WriteStartElement(name);
        Field(w, "maTinh", address.MaTinhThanh);
        Field(w, "maXa", address.MaPhuongXa);
        Field(w, "dcChiTiet", address.ChiTiet.Length == 0 ? $"{address.TenPhuongXa}, {address.TenTinhThanh}" : address.DayDu);
        Field(w, "quocGia", address.QuocGia);
        w.WriteEndElement();
    }

    /// <summary>A place known only by its description (a hospital, "at home, …").</summary>
    private static void Place(XmlWriter w, string name, string description)
    {
        w.WriteStartElement(name);
        Field(w, "maTinh", null);
        Field(w, "maXa", null);
        Field(w, "dcChiTiet", description);
        Field(w, "quocGia", "VN");
        w.WriteEndElement();
    }

    private static void Field(XmlWriter w, string name, string? value) => w.WriteElementString(name, value ?? "");

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
