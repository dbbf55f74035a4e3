using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Lgsp.Sandbox.Data;
using Lgsp.Schemas.Land.V1;
using Record = Lgsp.Sandbox.Data.Records;

namespace Lgsp.Sandbox.Land;

/// <summary>
/// The land database (VBDLIS/ILIS) over gRPC (<c>schemas/proto/land/v1/land.proto</c>): a parcel by ward, map sheet
/// and parcel number, or by its certificate's serial. A malformed key is <c>InvalidArgument</c> with a
/// <c>google.rpc.BadRequest</c> naming each bad field; a well-formed key the world does not hold is <c>NotFound</c>.
/// Latency and faults come from the fault middleware, in front of this service.
/// </summary>
internal sealed partial class LandRecordsService(SyntheticWorld world) : LandRecords.LandRecordsBase
{
    public override Task<ThuaDat> FindParcel(FindParcelRequest request, ServerCallContext context)
    {
        var violations = new List<BadRequest.Types.FieldViolation>();
        if (!WardCode().IsMatch(request.MaXa))
        {
            violations.Add(Violation("ma_xa", "Mã xã phải gồm đúng 5 chữ số."));
        }

        if (request.SoHieuBanDo < 1)
        {
            violations.Add(Violation("so_hieu_ban_do", "Số hiệu tờ bản đồ phải từ 1 trở lên."));
        }

        if (request.SoThuTuThua < 1)
        {
            violations.Add(Violation("so_thu_tu_thua", "Số thứ tự thửa phải từ 1 trở lên."));
        }

        ThrowIfInvalid(violations);
        var parcel = world.FindParcel(request.MaXa, request.SoHieuBanDo, request.SoThuTuThua)
            ?? throw new RpcException(new Grpc.Core.Status(StatusCode.NotFound, "Không tìm thấy thửa đất."));
        return Task.FromResult(ToMessage(parcel));
    }

    public override Task<ThuaDat> FindParcelByCertificate(FindParcelByCertificateRequest request, ServerCallContext context)
    {
        if (!CertificateSerial().IsMatch(request.SoPhatHanh))
        {
            ThrowIfInvalid([Violation("so_phat_hanh", "Số phát hành gồm 2 chữ cái in hoa, một dấu cách và 6 chữ số (CS 123456).")]);
        }

        var parcel = world.FindParcelByCertificate(request.SoPhatHanh)
            ?? throw new RpcException(new Grpc.Core.Status(StatusCode.NotFound, "Không tìm thấy giấy chứng nhận."));
        return Task.FromResult(ToMessage(parcel));
    }

    internal static ThuaDat ToMessage(Record.ThuaDat parcel)
    {
        var message = new ThuaDat
        {
            MaTinh = parcel.MaTinh,
            MaXa = parcel.MaXa,
            TenXa = parcel.TenXa,
            SoHieuBanDo = parcel.SoHieuBanDo,
            SoThuTuThua = parcel.SoThuTuThua,
            DienTich = parcel.DienTich.ToString(CultureInfo.InvariantCulture),
            MucDichSuDung = new MucDichSuDung { Ma = parcel.MucDichSuDung.Code, Ten = parcel.MucDichSuDung.Name },
            ThoiHanSuDung = parcel.ThoiHanSuDung,
            DiaChiChiTiet = parcel.DiaChiChiTiet,
        };
        if (parcel.GiayChungNhan is { } certificate)
        {
            message.GiayChungNhan = new GiayChungNhan
            {
                SoPhatHanh = certificate.SoPhatHanh,
                SoVaoSo = certificate.SoVaoSo,
                NgayCap = certificate.NgayCap.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                CoQuanCap = certificate.CoQuanCap,
            };
        }

        message.ChuSuDung.AddRange(parcel.ChuSuDung.Select(o => new ChuSuDung { HoTen = o.HoTen, SoDinhDanh = o.SoDinhDanh, NamSinh = o.NamSinh }));
        return message;
    }

    private static BadRequest.Types.FieldViolation Violation(string field, string description) => new() { Field = field, Description = description };

    /// <summary>AIP-193 style: the status says InvalidArgument, the BadRequest detail says which fields and why.</summary>
    private static void ThrowIfInvalid(IReadOnlyCollection<BadRequest.Types.FieldViolation> violations)
    {
        if (violations.Count == 0)
        {
            return;
        }

        var detail = new BadRequest();
        detail.FieldViolations.AddRange(violations);
        throw new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "Yêu cầu tra cứu thửa đất không hợp lệ.",
            Details = { Any.Pack(detail) },
        }.ToRpcException();
    }

    [GeneratedRegex("^[0-9]{5}$", RegexOptions.CultureInvariant)]
    private static partial Regex WardCode();

    [GeneratedRegex("^[A-Z]{2} [0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex CertificateSerial();
}
