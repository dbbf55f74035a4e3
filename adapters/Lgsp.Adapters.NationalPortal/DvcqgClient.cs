using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lgsp.Adapters.NationalPortal.Wire;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal;

/// <summary>What DVCQG holds for one MaHoSo: the dossier and its progress rows, in the order DVCQG keeps them.</summary>
internal sealed record DvcqgRecord(HoSoDongBoDVC HoSo, IReadOnlyList<QuaTrinhXuLy> Rows);

/// <summary>What a <c>ThemMoi</c> came to.</summary>
internal enum CreateResult
{
    Created,

    /// <summary>DVCQG already holds the MaHoSo ("đã tồn tại", <c>error_code</c> 0, 3 or -3): the caller updates instead.</summary>
    AlreadyExists,
}

/// <summary>
/// DVCQG's four operations, one to one, on the wire types, in the profile the options name
/// (<see cref="NationalPortalOptions.Profile"/>, read at each call). Each answer is read as that profile's public
/// sender reads it:
/// <list type="bullet">
/// <item><see cref="DvcqgProfile.PerCall"/> (TD-DVC): success is an answer that says "thành công", with an
/// <c>error_code</c> of 0 when it has one; <c>DongBoTienTrinh</c> may answer plain text.</item>
/// <item><see cref="DvcqgProfile.Service"/> (OpenCPS): success is <c>error_code</c> 0; a lookup's dossier is the
/// first of <c>result[]</c>, none when it is absent or empty.</item>
/// <item><see cref="DvcqgProfile.Gateway"/>: <c>error_code</c> required on every answer, "0" success.</item>
/// </list>
/// In every profile "đã tồn tại" on a create is <see cref="CreateResult.AlreadyExists"/>; any other refusal is
/// <c>upstream.dvcqg.rejected</c> with DVCQG's words; an answer that cannot be read is <c>bad_response</c>. Transport
/// faults are the SDK's.
/// </summary>
internal sealed partial class DvcqgClient(DvcqgHttp http, IOptionsMonitor<NationalPortalOptions> options, ILogger<DvcqgClient> logger)
{
    private const string Source = NationalPortalSource.Name;

    private NationalPortalOptions Options => options.Get(Source);

    /// <summary>The dossier and rows DVCQG holds for <paramref name="maHoSo"/>, or null when it holds none.</summary>
    public async Task<DvcqgRecord?> LookupAsync(string maHoSo, CancellationToken cancellationToken)
    {
        var o = Options;
        JsonElement? found;
        if (o.Profile == DvcqgProfile.Service)
        {
            // OpenCPS's searchDossier/hasSyncDossier: {service: TraCuuHoSo, mahoso}; a non-empty result[] means DVCQG holds it.
            var answer = await CallAsync(o, o.Paths.Service, Service(o, "TraCuuHoSo", new JsonObject { ["mahoso"] = maHoSo }), true, cancellationToken).ConfigureAwait(false);
            if (answer.Result is not { ValueKind: JsonValueKind.Array } result || result.GetArrayLength() == 0)
            {
                return null;
            }

            found = result[0];
        }
        else
        {
            var answer = await CallAsync(o, o.Paths.Lookup, new JsonObject { ["MaHoSo"] = maHoSo }, true, cancellationToken).ConfigureAwait(false);
            if (answer.ErrorCode != "0" && (answer.ErrorCode == "-2" || Says(answer, "không tìm thấy") || Says(answer, "không tồn tại")))
            {
                return null;
            }

            RequireCode(o, answer, "TraCuuHoSo");
            if (answer.ErrorCode is { } code && code != "0")
            {
                throw Refused(o, "TraCuuHoSo", answer);
            }

            found = answer.Data;
        }

        if (found is not { ValueKind: JsonValueKind.Object } data)
        {
            throw UpstreamFaults.Malformed(Source, new("TraCuuHoSo trả lời thành công nhưng không có hồ sơ.", "TraCuuHoSo answered success without the dossier."));
        }

        try
        {
            var hoSo = data.Deserialize(DvcqgJson.Wire.HoSoDongBoDVC)!;
            var rows = data.Deserialize(DvcqgJson.Wire.TienTrinhDaCo)?.QuaTrinhXuLy ?? [];
            if (!string.Equals(hoSo.MaHoSo, maHoSo, StringComparison.OrdinalIgnoreCase))
            {
                throw UpstreamFaults.Malformed(Source, new("TraCuuHoSo trả lời một hồ sơ khác với hồ sơ được hỏi.", "TraCuuHoSo answered with another dossier than the one asked for."));
            }

            return new DvcqgRecord(hoSo, rows);
        }
        catch (JsonException ex)
        {
            throw UpstreamFaults.Malformed(Source, new("Không đọc được hồ sơ mà TraCuuHoSo trả về.", "TraCuuHoSo's dossier could not be read."), ex);
        }
    }

    public async Task<CreateResult> CreateAsync(HoSoDongBoDVC hoSo, CancellationToken cancellationToken)
    {
        var o = Options;
        var answer = await WriteDossierAsync(o, hoSo, updating: false, cancellationToken).ConfigureAwait(false);
        RequireCode(o, answer, "ThemMoi");
        // TD-DVC's reading, the one DVCQG is known to need: "đã tồn tại" in the message of a 0, 3 or -3 answer.
        if (answer.ErrorCode is null or "0" or "3" or "-3" && Says(answer, "đã tồn tại"))
        {
            return CreateResult.AlreadyExists;
        }

        Succeeded(o, answer, "ThemMoi");
        return CreateResult.Created;
    }

    public async Task UpdateAsync(HoSoDongBoDVC hoSo, CancellationToken cancellationToken)
    {
        var o = Options;
        var answer = await WriteDossierAsync(o, hoSo, updating: true, cancellationToken).ConfigureAwait(false);
        Succeeded(o, answer, "CapNhat");
    }

    /// <summary>One <c>DongBoTienTrinh</c> (<c>CapNhatTienDoHoSoMC</c>) call; never more rows than DVCQG takes at once. Never repeated blindly.</summary>
    public async Task SendProgressAsync(IReadOnlyList<QuaTrinhXuLy> rows, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows.Count, 10);
        var o = Options;
        var array = JsonSerializer.SerializeToNode(rows.ToArray(), DvcqgJson.Wire.QuaTrinhXuLyArray)!;
        var answer = o.Profile == DvcqgProfile.Service
            ? await CallAsync(o, o.Paths.Service, Service(o, "CapNhatTienDoHoSoMC", new JsonObject { ["data"] = array }), false, cancellationToken).ConfigureAwait(false)
            : await CallAsync(o, o.Paths.Progress, array, false, cancellationToken).ConfigureAwait(false);
        Succeeded(o, answer, "DongBoTienTrinh");
    }

    internal static string Truncate(string? message) => message is null ? "(no message)" : message.Length <= 500 ? message : message[..500];

    private Task<DvcqgReply> WriteDossierAsync(NationalPortalOptions o, HoSoDongBoDVC hoSo, bool updating, CancellationToken cancellationToken)
    {
        // Repeatable: a second create is refused "đã tồn tại" (then updated), an update sets the whole dossier.
        var array = JsonSerializer.SerializeToNode(new[] { hoSo }, DvcqgJson.Wire.HoSoDongBoDVCArray)!;
        return o.Profile == DvcqgProfile.Service
            // OpenCPS's DongBoHoSoMC: isUpdating "True" when TraCuuHoSo found the dossier.
            ? CallAsync(o, o.Paths.Service, Service(o, "DongBoHoSoMC", new JsonObject { ["isUpdating"] = updating ? "True" : "False", ["data"] = array }), true, cancellationToken)
            : CallAsync(o, updating ? o.Paths.Update : o.Paths.Create, array, true, cancellationToken);
    }

    /// <summary>The Service envelope: <c>madonvi</c> and <c>service</c>, then the operation's members (the session is added per attempt).</summary>
    private static JsonObject Service(NationalPortalOptions o, string service, JsonObject members)
    {
        var body = new JsonObject { ["madonvi"] = o.UnitCode, ["service"] = service };
        foreach (var (name, value) in members.ToList())
        {
            members.Remove(name);
            body[name] = value;
        }

        return body;
    }

    private async Task<DvcqgReply> CallAsync(NationalPortalOptions o, string path, JsonNode body, bool idempotent, CancellationToken cancellationToken)
    {
        var text = await http.PostAsync(path, DvcqgHttpBase.Json(body), idempotent, [], cancellationToken).ConfigureAwait(false);
        DvcqgReply answer;
        try
        {
            answer = DvcqgReply.Parse(text);
        }
        catch (JsonException ex)
        {
            throw UpstreamFaults.Malformed(Source, new("Câu trả lời của Cổng DVCQG không phải JSON.", "DVCQG's answer is not JSON."), ex);
        }

        // Only TD-DVC's convention reads plain text; the others answer JSON or nothing readable.
        if (!answer.IsJson && o.Profile != DvcqgProfile.PerCall)
        {
            throw UpstreamFaults.Malformed(Source, new("Cổng DVCQG trả lời văn bản thường trong khi cần JSON.", "DVCQG answered plain text where JSON was expected."));
        }

        return answer;
    }

    private void Succeeded(NationalPortalOptions o, DvcqgReply answer, string operation)
    {
        RequireCode(o, answer, operation);
        var ok = o.Profile switch
        {
            // TD-DVC: error_code 0 (when the answer has one) and the words "thành công".
            DvcqgProfile.PerCall => answer.ErrorCode is null or "0" && Says(answer, "thành công"),
            _ => answer.ErrorCode == "0",
        };
        if (!ok)
        {
            throw Refused(o, operation, answer);
        }
    }

    /// <summary>The Gateway and Service conventions put <c>error_code</c> on every answer: one without it is unreadable.</summary>
    private static void RequireCode(NationalPortalOptions o, DvcqgReply answer, string operation)
    {
        if (o.Profile != DvcqgProfile.PerCall && answer.ErrorCode is not { Length: > 0 })
        {
            throw UpstreamFaults.Malformed(Source, new($"{operation}: Cổng DVCQG trả lời không có error_code.", $"{operation}: DVCQG answered without an error_code."));
        }
    }

    private LgspException Refused(NationalPortalOptions o, string operation, DvcqgReply answer)
    {
        RefusedByDvcqg(logger, operation, o.Profile, answer.ErrorCode ?? "(none)");
        // DVCQG's message names fields and codes, never personal data, so it is kept for the operators.
        return new LgspException(UpstreamErrors.For(Source).Rejected,
            new(string.Create(CultureInfo.InvariantCulture, $"{operation}: Cổng DVCQG trả lời error_code {answer.ErrorCode ?? "(không có)"}: {Truncate(answer.Message)}"),
                string.Create(CultureInfo.InvariantCulture, $"{operation}: error_code {answer.ErrorCode ?? "(none)"}: {Truncate(answer.Message)}")));
    }

    /// <summary>Whether DVCQG's words say <paramref name="words"/>, whatever the case and Unicode composition.</summary>
    private static bool Says(DvcqgReply answer, string words) =>
        answer.Text.Normalize(NormalizationForm.FormC).Contains(words, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 6603, Level = LogLevel.Warning, Message = "DVCQG refused {Operation} (profile {Profile}, error_code {ErrorCode})")]
    private static partial void RefusedByDvcqg(ILogger logger, string operation, DvcqgProfile profile, string errorCode);
}
