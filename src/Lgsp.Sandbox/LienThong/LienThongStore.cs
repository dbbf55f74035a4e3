using System.Globalization;
using System.Security;
using System.Text;
using Lgsp.Sandbox.Data;

namespace Lgsp.Sandbox.LienThong;

/// <summary>
/// The liên thông dossiers waiting for the province, and what the province did with them: fetches, acknowledgements
/// (<c>daNhan</c>) and statuses, per dossier. Made from the synthetic world's births and deaths (names, personal ids,
/// places), so the data looks like the real registrations. Thread-safe.
/// </summary>
internal sealed class LienThongStore(SyntheticWorld world, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private int _next;

    public IReadOnlyList<string> Add(int births, int deaths)
    {
        var codes = new List<string>();
        lock (_gate)
        {
            for (var i = 0; i < births + deaths; i++)
            {
                var n = ++_next;
                var birth = i < births;
                var now = time.GetUtcNow().ToOffset(TimeSpan.FromHours(7));
                var code = string.Create(CultureInfo.InvariantCulture, $"000.00.00.H56-{now:yyMMdd}-{n % 100_000:D5}");
                var entry = birth ? Birth(n, code, now) : Death(n, code, now);
                _byCode[code] = entry;
                _byId[entry.Id] = entry;
                codes.Add(code);
            }
        }

        return codes;
    }

    public IReadOnlyList<Entry> Pending()
    {
        lock (_gate)
        {
            return [.. _byCode.Values.Where(e => !e.DaNhan).OrderBy(e => e.Number)];
        }
    }

    public Entry? Fetch(string id)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(id, out var entry))
            {
                entry.Fetches++;
            }

            return entry;
        }
    }

    public bool Acknowledge(string code)
    {
        lock (_gate)
        {
            if (!_byCode.TryGetValue(code, out var entry))
            {
                return false;
            }

            entry.Acks++;
            entry.DaNhan = true;
            return true;
        }
    }

    public bool AddStatus(string code, string localCode, int status, string at)
    {
        lock (_gate)
        {
            if (!_byCode.TryGetValue(code, out var entry))
            {
                return false;
            }

            entry.Statuses.Add(new StatusRow(status, localCode, at));
            return true;
        }
    }

    public object Summary()
    {
        lock (_gate)
        {
            return new
            {
                dossiers = _byCode.Values.OrderBy(e => e.Number).Select(e => new
                {
                    maHoSo = e.Code,
                    id = e.Id,
                    module = e.Module,
                    daNhan = e.DaNhan,
                    fetches = e.Fetches,
                    acks = e.Acks,
                    statuses = e.Statuses.Select(s => new { trangThai = s.Status, maHoSo = s.LocalCode, thoiGianThucHien = s.At }).ToList(),
                }).ToList(),
            };
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byCode.Clear();
            _byId.Clear();
        }
    }

    private Entry Birth(int n, string code, DateTimeOffset now)
    {
        var ks = world.Births[n % world.Births.Count];
        var xml = new StringBuilder("<hoTich>");
        Add(xml, "loaiDangKy", "1");
        Add(xml, "noiDangKy", ks.TenCoQuanDangKy);
        Add(xml, "soLuongBanSao", "1");
        Add(xml, "maGCS", ks.MaGcs);
        Add(xml, "ngayCapGCS", ks.NgayCapGcs.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        Add(xml, "nksHoTen", ks.Nks.HoTen.DayDu);
        Add(xml, "nksGioiTinh", ((int)ks.Nks.GioiTinh).ToString(CultureInfo.InvariantCulture));
        Add(xml, "nksNgaySinh", ks.Nks.NgaySinh.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        Add(xml, "nksNoiSinh", ks.NksNoiSinh);
        Add(xml, "nksQueQuan", ks.NksQueQuan.DayDu);
        Add(xml, "nksDanToc", ks.Nks.DanToc.Code);
        Add(xml, "nksQuocTich", "VN");
        Add(xml, "meHoTen", ks.Me.HoTen.DayDu);
        Add(xml, "meNgaySinh", ks.Me.NgaySinh.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        Add(xml, "meNoiCuTru", ks.Me.NoiCuTru.DayDu);
        Add(xml, "meSoGiayToTuyThan", ks.Me.SoDinhDanh);
        if (ks.Cha is { } cha)
        {
            Add(xml, "chaHoTen", cha.HoTen.DayDu);
            Add(xml, "chaNoiCuTru", cha.NoiCuTru.DayDu);
            Add(xml, "chaSoGiayToTuyThan", cha.SoDinhDanh);
        }

        Requester(xml, ks.Nyc.HoTen.DayDu, ks.Nyc.QuanHe, ks.Nyc.SoGiayToTuyThan, n);
        xml.Append("</hoTich>");
        return new Entry(n, code, "KS", "1.001193", ks.MaDonVi, now, xml.ToString(),
            [File(1, 1, "Giấy chứng sinh", "giay-chung-sinh.pdf", n), File(2, 2, "Văn bản ủy quyền", "uy-quyen.pdf", n)]);
    }

    private Entry Death(int n, string code, DateTimeOffset now)
    {
        var kt = world.Deaths[n % world.Deaths.Count];
        var xml = new StringBuilder("<hoTich>");
        Add(xml, "loaiDangKy", "1");
        Add(xml, "noiDangKy", kt.TenCoQuanDangKy);
        Add(xml, "maGBT", kt.MaGbt);
        Add(xml, "nktHoTen", kt.Nkt.HoTen.DayDu);
        Add(xml, "nktGioiTinh", ((int)kt.Nkt.GioiTinh).ToString(CultureInfo.InvariantCulture));
        Add(xml, "nktNgaySinh", kt.Nkt.NgaySinh.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        Add(xml, "nktNoiCuTru", kt.Nkt.NoiCuTru.DayDu);
        Add(xml, "nktSoGiayToTuyThan", kt.Nkt.SoDinhDanh);
        Add(xml, "nktNgayChet", kt.NktNgayChet.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        Add(xml, "nktNoiChet", kt.NktNoiChet);
        Add(xml, "nktNguyenNhanChet", kt.NktNguyenNhanChet);
        Add(xml, "gbtLoai", kt.GbtLoai);
        Add(xml, "gbtSo", kt.GbtSo);
        Add(xml, "gbtCoQuanCap", kt.GbtCoQuanCap);
        Requester(xml, kt.Nyc.HoTen.DayDu, kt.Nyc.QuanHe, kt.Nyc.SoGiayToTuyThan, n);
        xml.Append("</hoTich>");
        return new Entry(n, code, "KT", "1.000656", kt.MaDonVi, now, xml.ToString(), [File(1, 3, "Giấy báo tử", "giay-bao-tu.pdf", n)]);
    }

    private static void Requester(StringBuilder xml, string name, string relation, string id, int n)
    {
        Add(xml, "nycHoTen", name);
        Add(xml, "nycQuanHe", relation);
        Add(xml, "nycLoaiGiayToTuyThan", "1");
        Add(xml, "nycSoGiayToTuyThan", id);
        Add(xml, "nycSoDienThoai", string.Create(CultureInfo.InvariantCulture, $"09{n * 7919 % 100_000_000:D8}"));
        Add(xml, "nycXacThucThongTin", "1");
    }

    private static void Add(StringBuilder xml, string name, string value) =>
        xml.Append('<').Append(name).Append('>').Append(SecurityElement.Escape(value)).Append("</").Append(name).Append('>');

    /// <summary>A small synthetic PDF-looking file, different per dossier.</summary>
    private static FileRow File(int id, int type, string name, string fileName, int n) =>
        new(id, type, name, fileName, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"%PDF-1.4\n% sandbox {fileName} #{n}\n%%EOF\n")));

    internal sealed class Entry(int number, string code, string module, string maTthc, string maDonVi, DateTimeOffset ngayTiepNhan, string xml, IReadOnlyList<FileRow> files)
    {
        public int Number { get; } = number;

        public string Id { get; } = "lt-" + number.ToString("D6", CultureInfo.InvariantCulture);

        public string Code { get; } = code;

        public string Module { get; } = module;

        public string MaTthc { get; } = maTthc;

        public string MaDonVi { get; } = maDonVi;

        public DateTimeOffset NgayTiepNhan { get; } = ngayTiepNhan;

        public string Xml { get; } = xml;

        public IReadOnlyList<FileRow> Files { get; } = files;

        public bool DaNhan { get; set; }

        public int Fetches { get; set; }

        public int Acks { get; set; }

        public List<StatusRow> Statuses { get; } = [];
    }

    internal sealed record FileRow(int Id, int Type, string Name, string FileName, byte[] Content);

    internal sealed record StatusRow(int Status, string LocalCode, string At);
}
