using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Lgsp.Adapters.Sdk.Auth;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Adapters.Sdk.Resilience;
using Lgsp.Adapters.Sdk.Secrets;
using Lgsp.Core.Errors;
using Lgsp.Core.StatusSync;
using Lgsp.Core.Xml;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal.LienThong;

/// <summary>
/// The liên thông dossier API of the national portal (DVCLT: birth and death registration submitted on DVCQG / VNeID),
/// as the public .NET one-stop system calls it (<c>KhaiSinhKhaiTuService</c>): log in with user name and password
/// (<c>{token}</c>, then <c>Authorization: Bearer</c>), <c>GET</c> the list (<c>{data:[{id, maDonVi, maTTHC, module,
/// maHoSo, ngayTiepNhan, techId}]}</c>), <c>GET</c> each by id (<c>{data:{…, data, fileDinhKem[]}}</c>, the record as
/// XML <c>&lt;hoTich&gt;</c>, the attachments as base64), <c>PUT</c> <c>{maHoSo, daNhan:true}</c> answered
/// "Cập nhật thành công", and <c>POST</c> statuses answered in plain text ("… thành công"). Every fault is an
/// <c>upstream.dvclt.*</c> error; an answer that cannot be read is <c>bad_response</c>.
/// </summary>
internal sealed class LinkedDossierSource(
    IHttpClientFactory clients,
    LinkedDossierTokens tokens,
    IOptionsMonitor<LinkedDossierOptions> options) : ILinkedDossierSource
{
    public const string Source = LinkedDossierTokens.Source;
    public const string ClientName = "dvclt.api";

    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private LinkedDossierOptions Settings => options.Get(Source);

    public async Task<IReadOnlyList<LinkedDossierListing>> ListPendingAsync(CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, Settings.ListPath, null, cancellationToken).ConfigureAwait(false);
        var root = ParseJson(body, "danh sách", "the list");
        if (root?["data"] is not JsonArray data)
        {
            throw UpstreamFaults.Malformed(Source, new("danh sách không có data[]", "a list without data[]"));
        }

        return [.. data.Select(ReadListing)];
    }

    public async Task<LinkedDossier> FetchAsync(LinkedDossierListing listing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var path = Settings.FetchPath.Replace("{id}", Uri.EscapeDataString(listing.Id), StringComparison.Ordinal);
        var body = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        if (ParseJson(body, "hồ sơ", "a dossier")?["data"] is not JsonObject outer)
        {
            throw UpstreamFaults.Malformed(Source, new("hồ sơ không có data", "a dossier without data"));
        }

        // The public caller reads data.data two ways: as JSON text holding the dossier (record XML in its own data),
        // and stored, with the record XML directly in data.data. Both are read.
        var detail = outer;
        var inner = Text(outer, "data") ?? throw UpstreamFaults.Malformed(Source, new("hồ sơ không có data.data", "a dossier without data.data"));
        if (inner.TrimStart().StartsWith('{'))
        {
            detail = ParseJson(inner, "data.data", "data.data") as JsonObject ?? throw UpstreamFaults.Malformed(Source, new("data.data không phải một đối tượng", "data.data is not an object"));
            inner = Text(detail, "data") ?? throw UpstreamFaults.Malformed(Source, new("hồ sơ không có bản ghi", "a dossier without its record"));
        }

        var code = Text(detail, "maHoSo") ?? listing.NationalCode;
        if (!string.Equals(code, listing.NationalCode, StringComparison.Ordinal))
        {
            throw UpstreamFaults.Malformed(Source, new("hồ sơ khác với hồ sơ được hỏi", "a dossier other than the one asked for"));
        }

        var attachments = detail["fileDinhKem"] is JsonArray files ? files.Select(ReadAttachment).ToList() : [];
        return new LinkedDossier(listing, ReadRecord(inner), attachments);
    }

    public async Task AcknowledgeAsync(string nationalCode, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["maHoSo"] = nationalCode, ["daNhan"] = true };
        var answer = await SendAsync(HttpMethod.Put, Settings.AcknowledgePath, request, cancellationToken, idempotent: true).ConfigureAwait(false);
        // The public caller's test: the answer mentions "cập nhật thành công".
        if (!answer.Contains("cập nhật thành công", StringComparison.OrdinalIgnoreCase))
        {
            throw new LgspException(UpstreamErrors.For(Source).Rejected, new("Xác nhận đã nhận (daNhan) không được chấp nhận: " + Cut(answer), "The acknowledgement (daNhan) was not accepted: " + Cut(answer)));
        }
    }

    public async Task SendStatusAsync(LinkedDossierStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var request = new JsonObject
        {
            ["maTTHC"] = status.ProcedureCode,
            ["soHoSoLT"] = status.NationalCode,
            ["coQuanXuLy"] = Settings.ProcessingBody,
            ["maHoSo"] = status.LocalCode,
            ["trangThai"] = status.Status,
            ["thoiGianThucHien"] = Format(status.At),
            ["noiDungXuLy"] = status.Content ?? "",
            ["nguoiXuLy"] = status.Actor ?? "",
            ["ghiChu"] = status.Note ?? "",
            ["ngayBatDau"] = status.StartedAt is { } start ? Format(start) : "",
            ["ngayKetThucTheoQuyDinh"] = status.DueAt is { } due ? Format(due) : "",
        };
        var answer = (await SendAsync(HttpMethod.Post, Settings.StatusPath, request, cancellationToken).ConfigureAwait(false)).ToLowerInvariant();
        // Read as the public sender reads it: success, or a state that makes this status moot (already final, unknown).
        if (answer.Contains("thành công", StringComparison.Ordinal) || answer.Contains("đã tồn tại", StringComparison.Ordinal)
            || answer.Contains("không được cập nhật trạng thái", StringComparison.Ordinal) || answer.Contains("không thể cập nhật trạng thái", StringComparison.Ordinal))
        {
            return;
        }

        if (answer.Contains("không hợp lệ", StringComparison.Ordinal))
        {
            throw new LgspException(UpstreamErrors.For(Source).Rejected, new("Trạng thái bị từ chối: " + Cut(answer), "The status was refused: " + Cut(answer)));
        }

        throw new LgspException(UpstreamErrors.For(Source).Unavailable, new("Trạng thái chưa được nhận: " + Cut(answer), "The status was not taken: " + Cut(answer)));
    }

    /// <summary>dd/MM/yyyy HH:mm:ss in Vietnam time, the public sender's format.</summary>
    internal static string Format(DateTimeOffset at) =>
        at.ToOffset(Lgsp.Core.Time.VietnamTime.Offset).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>GETs are retried by the pipeline; the acknowledgement too (<paramref name="idempotent"/>: setting daNhan twice is setting it once); a status is not.</summary>
    private async Task<string> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct, bool idempotent = false)
    {
        var client = clients.CreateClient(ClientName);
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.Cache.GetAsync(ct).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (idempotent)
            {
                request.MarkIdempotent();
            }

            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(Wire), Encoding.UTF8, "application/json");
            }

            try
            {
                using var response = await client.SendAsync(request, ct).ConfigureAwait(false);
                if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && attempt == 1)
                {
                    tokens.Cache.Invalidate(token); // an expired session: log in once more
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw UpstreamFaults.FromResponse(Source, response, TimeProvider.System);
                }

                return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not LgspException && UpstreamFaults.TryTranslate(Source, ex, ct, out var fault))
            {
                throw fault;
            }
        }
    }

    private static JsonNode? ParseJson(string text, string whatVi, string what)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw UpstreamFaults.Malformed(Source, new(whatVi + " không phải JSON", what + " is not JSON"), ex);
        }
    }

    private static LinkedDossierListing ReadListing(JsonNode? node)
    {
        if (node is not JsonObject o || Text(o, "id") is not { Length: > 0 } id || Text(o, "maHoSo") is not { Length: > 0 } code
            || Text(o, "module") is not { Length: > 0 } module)
        {
            throw UpstreamFaults.Malformed(Source, new("một mục của danh sách thiếu id, maHoSo hoặc module", "a list entry without id, maHoSo or module"));
        }

        return new LinkedDossierListing(id, code, module, Text(o, "maTTHC") ?? "", Text(o, "maDonVi") ?? "", Text(o, "ngayTiepNhan"), Text(o, "techId"));
    }

    private static LinkedAttachment ReadAttachment(JsonNode? node)
    {
        if (node is not JsonObject o)
        {
            throw UpstreamFaults.Malformed(Source, new("một tệp đính kèm không phải đối tượng", "an attachment that is not an object"));
        }

        byte[] content;
        try
        {
            content = Convert.FromBase64String(Text(o, "duLieuTepDinhKem") ?? "");
        }
        catch (FormatException ex)
        {
            throw UpstreamFaults.Malformed(Source, new("một tệp đính kèm không ở dạng base64", "an attachment not in base64"), ex);
        }

        return new LinkedAttachment(
            Int(o, "id"), Int(o, "loaiGiayTo"), Text(o, "tenGiayTo") ?? "", Text(o, "tenTepDinhKem") ?? "", Int(o, "huyGiayTo") == 1, content);
    }

    /// <summary>The <c>&lt;hoTich&gt;</c> record's leaf fields; a nested address keeps its path (<c>nksNoiSinh.dcChiTiet</c>).</summary>
    private static Dictionary<string, string> ReadRecord(string xml)
    {
        XmlDocument document;
        try
        {
            document = SafeXml.LoadDocument(xml);
        }
        catch (XmlException ex)
        {
            throw UpstreamFaults.Malformed(Source, new("bản ghi không phải XML", "a record that is not XML"), ex);
        }

        var hoTich = document.GetElementsByTagName("hoTich").OfType<XmlElement>().FirstOrDefault()
            ?? throw UpstreamFaults.Malformed(Source, new("bản ghi không có <hoTich>", "a record without <hoTich>"));
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in hoTich.ChildNodes.OfType<XmlElement>())
        {
            var children = element.ChildNodes.OfType<XmlElement>().ToList();
            if (children.Count == 0)
            {
                fields[element.LocalName] = element.InnerText.Trim();
            }

            foreach (var child in children)
            {
                fields[element.LocalName + "." + child.LocalName] = child.InnerText.Trim();
            }
        }

        return fields;
    }

    private static string? Text(JsonObject o, string name) => o[name] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    private static int Int(JsonObject o, string name) =>
        int.TryParse(Text(o, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string Cut(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
