using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;

namespace Lgsp.Hub.StatusSync.Ingestion;

/// <summary>
/// Every error found in one request, each with the catalogue entry it belongs to. Thrown as one
/// <see cref="LgspException"/>: under the shared entry when all errors share one (e.g. all illegal transitions:
/// <c>client.illegal_status_transition</c>, 409), else under <c>client.validation_failed</c> (400).
/// </summary>
internal sealed class ValidationErrors
{
    private readonly List<(ErrorDescriptor Error, FieldError Field)> _errors = [];

    public int Count => _errors.Count;

    public void Add(FieldError error) => Add(ErrorCatalogue.ValidationFailed, error);

    public void Add(ErrorDescriptor descriptor, FieldError error) => _errors.Add((descriptor, error));

    /// <summary>Adds a rule's errors, with transition reasons under the illegal-transition entry.</summary>
    public void AddRules(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            Add(DossierRules.IsTransitionReason(error.Reason) ? ErrorCatalogue.IllegalStatusTransition : ErrorCatalogue.ValidationFailed, error);
        }
    }

    public void ThrowIfAny()
    {
        if (ToException() is { } error)
        {
            throw error;
        }
    }

    /// <summary>The errors as the one exception <see cref="ThrowIfAny"/> throws; null when there are none.</summary>
    public LgspException? ToException()
    {
        if (_errors.Count == 0)
        {
            return null;
        }

        var first = _errors[0].Error;
        var descriptor = _errors.TrueForAll(e => e.Error == first) ? first : ErrorCatalogue.ValidationFailed;
        var fields = _errors.Select(e => e.Field).ToArray();
        var listed = string.Join(", ", fields.Select(f => f.ToString()));
        var detail = fields.Length == 1 ? fields[0].Message : new LocalizedText($"{fields.Length} lỗi: {listed}.", $"{fields.Length} problems: {listed}.");
        return new LgspException(descriptor, detail, fields);
    }
}

/// <summary>The reasons only the hub's HTTP edge can find (the body as a whole, batches, headers).</summary>
internal static class IngestionErrors
{
    public static FieldError Json(string field, string detail) => new(field, "json.invalid",
        "Nội dung JSON không đúng cấu trúc hoặc kiểu dữ liệu: " + detail, "The JSON is malformed or has a value of the wrong type: " + detail);

    public static readonly FieldError BodyMissing = new("", "body.missing",
        "Thiếu nội dung yêu cầu (JSON).", "The request body (JSON) is missing.");

    public static readonly FieldError BatchEmpty = new("/items", "batch.empty",
        "Lô không có mục nào.", "The batch has no items.");

    public static FieldError BatchTooLarge(int max) => new("/items", "batch.too_many_items",
        $"Lô có quá {max} mục; hãy chia nhỏ.", $"The batch has more than {max} items; split it.");

    public static readonly FieldError BatchItemKind = new("", "batch.item_kind",
        "Mỗi mục của lô có đúng một trong hai: dossier hoặc progress.", "Each batch item has exactly one of dossier and progress.");

    /// <summary>An item of a dossier whose earlier item in the same batch failed: it is not applied (order within a dossier).</summary>
    public static FieldError DependsOnFailedItem(string field, int earlier) => new(field, "batch.depends_on_failed_item",
        $"Mục này thuộc hồ sơ có mục /items/{earlier} trước đó trong lô không ghi được, nên không được ghi (giữ thứ tự của hồ sơ); hãy sửa mục đó rồi gửi lại cả hai.",
        $"This item belongs to a dossier whose earlier item /items/{earlier} of this batch failed, so it was not applied (the dossier's order holds); fix that item and send both again.");

    public static readonly FieldError StepsEmpty = new("/steps", "steps.empty",
        "Không có bước xử lý nào.", "There are no processing steps.");

    public static FieldError StepsTooMany(string field, int max) => new(field, "steps.too_many",
        $"Quá {max} bước xử lý trong một yêu cầu.", $"More than {max} processing steps in one request.");

    public static readonly FieldError SeqDuplicateInRequest = new("", "step.seq_duplicate",
        "Số thứ tự bước xử lý bị lặp trong cùng yêu cầu.", "The same seq appears twice in the request.");

    public static readonly FieldError DossierNotFound = new("", "dossier.not_found",
        "Không có hồ sơ với mã này; hãy đồng bộ hồ sơ trước khi cập nhật tiến độ.", "No dossier has this code; sync the dossier before its progress.");

    public static readonly FieldError OriginConflict = new("", "dossier.origin",
        "Hồ sơ này được tiếp nhận tại hệ thống một cửa của tỉnh; Cổng DVCQG chỉ được cập nhật hồ sơ nộp trên Cổng DVCQG.",
        "This dossier was received by the provincial one-stop system; the national portal may only update dossiers submitted on the national portal.");

    public static readonly FieldError AliasTaken = new("", "dossier_code.alias_taken",
        "Mã hồ sơ thay thế (MaHoSoKhac) đã là mã của hồ sơ khác.", "The alias (MaHoSoKhac) already names another dossier.");

    public static readonly FieldError StepConflict = new("", "step.conflict",
        "Bước xử lý với số thứ tự này đã được ghi nhận với nội dung khác; các bước đã ghi không được sửa.",
        "A step with this seq was already recorded with different content; recorded steps cannot be changed.");

    public static readonly FieldError IdempotencyKeyFormat = new("header:Idempotency-Key", "idempotency_key.format",
        "Idempotency-Key gồm 1–255 ký tự ASCII in được, không có dấu cách.", "An Idempotency-Key is 1 to 255 printable ASCII characters without spaces.");

    public static readonly FieldError IdempotencyKeyReused = new("header:Idempotency-Key", "idempotency_key.reused",
        "Khóa này đã được dùng cho một yêu cầu có nội dung khác.", "This key was already used for a request with a different body.");
}
