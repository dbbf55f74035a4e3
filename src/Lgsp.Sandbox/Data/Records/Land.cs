using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Data.Records;

/// <summary>
/// A land parcel as the land database (VBDLIS/ILIS) holds it: identified within a ward by its map sheet
/// (<c>SoHieuBanDo</c>, tờ bản đồ) and parcel number (<c>SoThuTuThua</c>, thửa).
/// </summary>
internal sealed record ThuaDat(
    string MaTinh,
    string MaXa,
    string TenXa,
    int SoHieuBanDo,
    int SoThuTuThua,
    decimal DienTich,
    CodedValue MucDichSuDung,
    string ThoiHanSuDung,
    string DiaChiChiTiet,
    GiayChungNhan? GiayChungNhan,
    IReadOnlyList<ChuSuDung> ChuSuDung);

/// <summary>
/// The land-use right certificate (GCN). <see cref="SoPhatHanh"/> is the printed serial (<c>CS 123456</c>), used as
/// the certificate number (<c>maGcn</c>); <see cref="SoVaoSo"/> the entry in the issuing book.
/// </summary>
internal sealed record GiayChungNhan(string SoPhatHanh, string SoVaoSo, DateOnly NgayCap, string CoQuanCap);

/// <summary>A land user (owner) of the parcel; always a citizen of the world.</summary>
internal sealed record ChuSuDung(string HoTen, string SoDinhDanh, int NamSinh);
