using System.Globalization;
using System.Net;
using System.Text.Json;
using Lgsp.Adapters.ProvincialPortal.Wire;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Errors;
using Refit;

namespace Lgsp.Adapters.ProvincialPortal;

/// <summary>
/// The one-stop system's three calls, one to one, on its wire types, independent of the hub's dossier model. Every
/// write carries the hub's event key as <c>Idempotency-Key</c>, so sending it again (a retry, a re-delivery after a
/// crash) changes nothing there. Its refusals (400, 422) are <c>upstream.provincial.rejected</c> with its messages;
/// 404 is <c>not_found</c>; the rest is the SDK's.
/// </summary>
internal sealed class MotCuaClient(IMotCuaApi api)
{
    private const string Source = ProvincialPortalSource.Name;

    public Task PutDossierAsync(string idempotencyKey, HoSoMotCua hoSo, CancellationToken cancellationToken) =>
        CallAsync("hosodvcqg", ct => api.PutDossierAsync(idempotencyKey, hoSo, ct), cancellationToken);

    public Task AddStepAsync(string idempotencyKey, QuaTrinhMotCua step, CancellationToken cancellationToken) =>
        CallAsync("quatrinh", ct => api.AddStepAsync(step.MaHoSo ?? "", idempotencyKey, step, ct), cancellationToken);

    public async Task<HoSoDaNhan> LookupAsync(string maHoSo, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("hosodvcqg", ct => api.GetDossierAsync(maHoSo, ct), cancellationToken).ConfigureAwait(false);
        return answer.Data ?? throw UpstreamFaults.Malformed(Source, new("Tra cứu trả lời thành công nhưng không có hồ sơ.", "The lookup answered success without the dossier."));
    }

    private static async Task<MotCuaResult<T>> CallAsync<T>(string operation, Func<CancellationToken, Task<MotCuaResult<T>>> call, CancellationToken cancellationToken)
    {
        MotCuaResult<T>? answer;
        try
        {
            answer = await call(cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException api) when (api.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
        {
            throw new LgspException(UpstreamErrors.For(Source).Rejected,
                new(string.Create(CultureInfo.InvariantCulture, $"{operation}: hệ thống một cửa trả lời HTTP {(int)api.StatusCode}: {Messages(api.Content)}"),
                    string.Create(CultureInfo.InvariantCulture, $"{operation}: HTTP {(int)api.StatusCode}: {Messages(api.Content)}")), inner: api);
        }
        catch (Exception ex) when (UpstreamFaults.TryTranslate(Source, ex, cancellationToken, out var fault))
        {
            throw fault;
        }

        if (answer is not { Succeeded: true })
        {
            throw UpstreamFaults.Malformed(Source, new($"{operation}: câu trả lời không cho biết đã thành công.", $"{operation}: the answer does not say it succeeded."));
        }

        return answer;
    }

    /// <summary>The system's own words on why it refused (field names and rules; no personal data), bounded.</summary>
    private static string Messages(string? content)
    {
        try
        {
            var error = content is null ? null : JsonSerializer.Deserialize(content, MotCuaJson.Wire.MotCuaError);
            var text = error?.Messages is { Count: > 0 } messages ? string.Join(" ", messages) : "(no message)";
            return text.Length <= 500 ? text : text[..500];
        }
        catch (JsonException)
        {
            return "(unreadable answer)";
        }
    }
}
