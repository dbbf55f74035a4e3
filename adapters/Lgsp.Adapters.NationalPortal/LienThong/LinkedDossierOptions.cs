namespace Lgsp.Adapters.NationalPortal.LienThong;

/// <summary>
/// The liên thông (DVCLT) API's paths and constants, <c>Adapters:dvclt</c> beside the connection
/// (<c>UpstreamOptions</c>: <c>BaseUrl</c>, timeouts, <c>CredentialsSecret</c> naming the secret that holds
/// <c>{"userName":"…","password":"…"}</c>). Every path is relative to <c>BaseUrl</c> and configurable, as in the
/// public .NET one-stop system's <c>KhaiSinhKhaiTuSettings.UrlDVCLT</c> (its <c>GetToken</c>, <c>LayDanhSachHoSo</c>,
/// <c>CapNhatDaNhanHoSoUrl</c>, <c>SendStatusUrl</c>); the defaults are inferred (the public configuration leaves them empty),
/// except the fetch path, which that code writes out.
/// </summary>
public sealed class LinkedDossierOptions
{
    public string TokenPath { get; set; } = "api/token";

    public string ListPath { get; set; } = "api/lienthongdvclt/hosolienthong";

    /// <summary><c>{id}</c> is the list entry's <c>id</c>.</summary>
    public string FetchPath { get; set; } = "api/lienthongdvclt/hosolienthong/{id}";

    public string AcknowledgePath { get; set; } = "api/lienthongdvclt/hosolienthong/danhan";

    public string StatusPath { get; set; } = "api/lienthongdvclt/capnhattrangthai";

    /// <summary><c>coQuanXuLy</c> of a status: 5 in the public sender (the one-stop system of a commune or district).</summary>
    public int ProcessingBody { get; set; } = 5;

    /// <summary>How long a login's token is used before logging in again (the login answer carries no lifetime).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
