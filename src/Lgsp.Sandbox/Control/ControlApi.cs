using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Lgsp.Sandbox.Control;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.NationalIdentity;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal static class ControlApi
{
    // Indented, with Vietnamese letters as they are (not \u escapes), so a developer can read it in a browser.
    private static readonly JsonSerializerOptions Readable = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>
    /// The sandbox's own endpoints, apart from the stand-ins: what world is loaded, which records to try
    /// and the fault switches of the stand-ins.
    /// </summary>
    public static WebApplication MapControlApi(this WebApplication app)
    {
        app.MapGet("/", () => Results.Text(
            "LGSP sandbox: stand-in upstream systems serving one synthetic world.\n" +
            "  GET /health          liveness\n" +
            "  GET /_sandbox/world  seed, sizes, counts and fingerprint of the loaded world\n" +
            "  GET /_sandbox/demo   records to try against the hub, and the national login's test accounts and password\n" +
            "  GET|PUT|DELETE /_sandbox/faults/{source}  fault switches of a stand-in (see README)\n" +
            "  * /_sandbox/redirected/{source}/...  where a redirect fault points (counts whoever follows)\n" +
            "  POST /token, GET /apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=  business registry (NGSP/WSO2)\n" +
            "  gRPC lgsp.land.v1.LandRecords (FindParcel, FindParcelByCertificate)  land database, on the HTTP/2-only endpoint\n" +
            "  GET /apiBHXH/1.0/traCuuThongTinBHXH?masobhxh=  social insurance (BHXH), signed requests only\n" +
            "  POST /csdldancu/1.0/CongDanService  population database (SOAP 1.1, signed answers)\n" +
            "  GET /_sandbox/population/certificate  the population database's signing certificate (PEM), to pin\n" +
            "  GET|DELETE /_sandbox/population/requests  what the population stand-in received, newest first\n" +
            "  GET /hotich/1.0/hoSo/{KS|KT|KH}/{maDonVi}/{quyenSo, / as %2F}/{soDangKy}, POST /hotich/1.0/traCuuTheoCaNhan  civil registry (apikey header)\n" +
            "  /xacthuc/            national login (DVCQG / VNeID), OpenID Connect: /xacthuc/.well-known/openid-configuration\n" +
            "  POST /dvcqg/token, POST /dvcqg/api/{TraCuuHoSo|ThemMoi|CapNhat|DongBoTienTrinh}  national portal (DVCQG)\n" +
            "  POST /dvcqg/api/LayDanhMuc {service: LayDanhSachTTHC|LayDanhMucCoQuan|LayDanhMucLinhVuc}  DVCQG's shared catalogues\n" +
            "  GET|PUT /_sandbox/business/profile  the business registry's answer shape (NgspData or ResultCode)\n" +
            "  GET|DELETE /_sandbox/dvcqg/received[?dossier=], GET /_sandbox/dvcqg/dossiers, POST /_sandbox/dvcqg/submit  what DVCQG received; hand dossiers to the hub\n" +
            "  POST /motcua/api/tokens, POST|GET /motcua/api/v1/dongbo/hosodvcqg[/{maHoSo}[/quatrinh]]  provincial one-stop system\n" +
            "  GET|DELETE /_sandbox/provincial/received[?dossier=], GET /_sandbox/provincial/dossiers  what the one-stop system received\n"));

        var group = app.MapGroup("/_sandbox");
        group.MapGet("/demo", (HttpRequest request, SyntheticWorld world, NationalAccounts accounts, IOptions<NationalIdentityOptions> identity) =>
            Results.Json(DemoRecords.From(world) with
            {
                NationalIdentity = NationalIdentityDemo.From(accounts, identity.Value, $"{request.Scheme}://{request.Host}", world.Spec.AsOf),
            }, Readable));
        group.MapGet("/world", (LoadedWorld loaded) => Results.Json(WorldSummary.From(loaded), Readable));
        group.MapFaultApi();
        return app;
    }
}
