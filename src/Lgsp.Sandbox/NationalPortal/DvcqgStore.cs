using System.Text.Json.Nodes;
using Lgsp.Core.Time;

namespace Lgsp.Sandbox.NationalPortal;

/// <summary>One call as DVCQG received it, in arrival order: what was asked, what was answered, and for tests whether it changed anything.</summary>
/// <param name="N">Position of this entry among everything the stand-in received (across dossiers), from 1.</param>
/// <param name="Call">The HTTP call it came in (rows sent together share it), numbered across dossiers from 1.</param>
/// <param name="Row">For <c>DongBoTienTrinh</c>, the row (one entry per row, in the order of the call).</param>
/// <param name="Duplicate">A progress row identical to one DVCQG already held: DVCQG stores it twice, which the hub must never cause.</param>
/// <param name="Unchanged">A <c>CapNhat</c> that set exactly what DVCQG already held.</param>
internal sealed record ReceivedCall(long N, long Call, DateTimeOffset At, string Op, string ErrorCode, string Message, JsonObject? Row, bool Duplicate, bool Unchanged);

/// <summary>DVCQG's answer to one call: <c>error_code</c> and <c>message</c>.</summary>
internal sealed record DvcqgOutcome(string ErrorCode, string Message)
{
    public bool Succeeded => ErrorCode == DvcqgCodes.Success;
}

/// <summary>The <c>error_code</c> values this DVCQG answers with (DOMAIN.md §2.1: "0" success, "3"/"-3" already exists).</summary>
internal static class DvcqgCodes
{
    public const string Success = "0";
    public const string Invalid = "-1";
    public const string NotFound = "-2";
    public const string AlreadyExists = "-3";
    public const string AlreadyExistsPositive = "3";
}

/// <summary>
/// What DVCQG holds, kept in memory: the dossiers (the last <c>HoSoDongBoDVC</c> stored for each MaHoSo), their
/// progress rows in arrival order, and every call received per dossier, refusals included. DVCQG is idempotent where
/// it is in reality: a second create of a MaHoSo is refused "đã tồn tại", an update sets the whole dossier; progress
/// rows are appended as they come, so a row sent twice is stored twice (and flagged for tests). One lock: every
/// operation is a few dictionary and list steps.
/// </summary>
internal sealed class DvcqgStore(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dossier> _dossiers = new(StringComparer.OrdinalIgnoreCase);
    private long _entries;
    private long _calls;

    public DvcqgOutcome Create(IReadOnlyList<JsonObject> items)
    {
        lock (_lock)
        {
            _calls++;
            if (items.FirstOrDefault(i => Of(i).HoSo is not null) is { } existing)
            {
                var code = Code(existing);
                // Both answers are seen in the wild for the same situation; which one a dossier gets is fixed by its code.
                var errorCode = (StringComparer.OrdinalIgnoreCase.GetHashCode(code) & 1) == 0 ? DvcqgCodes.AlreadyExists : DvcqgCodes.AlreadyExistsPositive;
                var outcome = new DvcqgOutcome(errorCode, $"Hồ sơ {code} đã tồn tại trên hệ thống.");
                Record(existing, "ThemMoi", outcome);
                return outcome;
            }

            var success = new DvcqgOutcome(DvcqgCodes.Success, "Thêm mới hồ sơ thành công.");
            foreach (var item in items)
            {
                var dossier = Of(item);
                dossier.HoSo = (JsonObject)item.DeepClone();
                Record(item, "ThemMoi", success);
            }

            return success;
        }
    }

    public DvcqgOutcome Update(IReadOnlyList<JsonObject> items)
    {
        lock (_lock)
        {
            _calls++;
            if (items.FirstOrDefault(i => Of(i).HoSo is null) is { } missing)
            {
                var outcome = new DvcqgOutcome(DvcqgCodes.NotFound, $"Không tìm thấy hồ sơ {Code(missing)}.");
                Record(missing, "CapNhat", outcome);
                return outcome;
            }

            var success = new DvcqgOutcome(DvcqgCodes.Success, "Cập nhật hồ sơ thành công.");
            foreach (var item in items)
            {
                var dossier = Of(item);
                var unchanged = JsonNode.DeepEquals(dossier.HoSo, item);
                dossier.HoSo = (JsonObject)item.DeepClone();
                Record(item, "CapNhat", success, unchanged: unchanged);
            }

            return success;
        }
    }

    public DvcqgOutcome AppendProgress(IReadOnlyList<JsonObject> rows)
    {
        lock (_lock)
        {
            _calls++;
            if (rows.FirstOrDefault(r => Of(r).HoSo is null) is { } orphan)
            {
                var outcome = new DvcqgOutcome(DvcqgCodes.NotFound, $"Không tìm thấy hồ sơ {Code(orphan)}.");
                Record(orphan, "DongBoTienTrinh", outcome, orphan);
                return outcome;
            }

            var success = new DvcqgOutcome(DvcqgCodes.Success, "Đồng bộ tiến trình thành công.");
            foreach (var row in rows)
            {
                var dossier = Of(row);
                var duplicate = dossier.Rows.Exists(r => JsonNode.DeepEquals(r, row));
                var copy = (JsonObject)row.DeepClone();
                dossier.Rows.Add(copy);
                Record(row, "DongBoTienTrinh", success, copy, duplicate);
            }

            return success;
        }
    }

    /// <summary>Records a refused call (invalid content) under each MaHoSo it named.</summary>
    public void Refused(string op, IReadOnlyList<JsonObject> items, DvcqgOutcome outcome)
    {
        lock (_lock)
        {
            _calls++;
            foreach (var item in items.Where(i => DvcqgRules.Text(i, "MaHoSo") is not null))
            {
                Record(item, op, outcome, op == "DongBoTienTrinh" ? item : null);
            }
        }
    }

    /// <summary>The dossier and its progress rows as DVCQG holds them (copies), or null.</summary>
    public (JsonObject HoSo, IReadOnlyList<JsonObject> Rows)? Find(string code)
    {
        lock (_lock)
        {
            return _dossiers.TryGetValue(code, out var d) && d.HoSo is { } hoSo
                ? ((JsonObject)hoSo.DeepClone(), d.Rows.Select(r => (JsonObject)r.DeepClone()).ToList())
                : null;
        }
    }

    /// <summary>Puts a dossier in place without recording a call (what DVCQG held before the sandbox started).</summary>
    public void Seed(JsonObject hoSo, IEnumerable<JsonObject> rows)
    {
        lock (_lock)
        {
            var dossier = Of(hoSo);
            dossier.HoSo = hoSo;
            dossier.Seeded = true;
            dossier.Rows.AddRange(rows);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _dossiers.Clear();
            _calls = 0;
            _entries = 0;
        }
    }

    public ReceivedView? Received(string code)
    {
        lock (_lock)
        {
            return _dossiers.TryGetValue(code, out var d) ? View(d) : null;
        }
    }

    public ReceivedSummary Summary()
    {
        lock (_lock)
        {
            var views = _dossiers.Values.Where(d => d.Calls.Count > 0).OrderBy(d => d.Code, StringComparer.Ordinal).Select(View).ToList();
            return new ReceivedSummary(
                Calls: _calls,
                Dossiers: views.Count(v => v.Exists),
                Rows: views.Sum(v => v.Rows.Count(r => r.ErrorCode == DvcqgCodes.Success)),
                DuplicateRows: views.Sum(v => v.DuplicateRows),
                UnchangedUpdates: views.Sum(v => v.UnchangedUpdates),
                Refused: views.Sum(v => v.Refused),
                PerDossier: [.. views.Select(v => new ReceivedCount(v.MaHoSo, v.Rows.Count(r => r.ErrorCode == DvcqgCodes.Success), v.DuplicateRows, v.UnchangedUpdates, v.Refused))]);
        }
    }

    private static ReceivedView View(Dossier d) => new(
        d.Code,
        d.HoSo is not null,
        d.Seeded,
        d.HoSo is null ? null : DvcqgRules.Text(d.HoSo, "TrangThaiHoSo"),
        d.HoSo?.DeepClone().AsObject(),
        [.. d.Calls.Where(c => c.Row is null)],
        [.. d.Calls.Where(c => c.Row is not null)],
        d.Calls.Count(c => c.Duplicate),
        d.Calls.Count(c => c.Unchanged),
        d.Calls.Count(c => c.ErrorCode != DvcqgCodes.Success));

    private void Record(JsonObject item, string op, DvcqgOutcome outcome, JsonObject? row = null, bool duplicate = false, bool unchanged = false) =>
        Of(item).Calls.Add(new ReceivedCall(++_entries, _calls, VietnamTime.Now(time), op, outcome.ErrorCode, outcome.Message, row, duplicate, unchanged));

    private Dossier Of(JsonObject item)
    {
        var code = Code(item);
        if (!_dossiers.TryGetValue(code, out var dossier))
        {
            _dossiers[code] = dossier = new Dossier(code);
        }

        return dossier;
    }

    private static string Code(JsonObject item) => DvcqgRules.Text(item, "MaHoSo") ?? "";

    private sealed class Dossier(string code)
    {
        public string Code { get; } = code;

        public JsonObject? HoSo { get; set; }

        public bool Seeded { get; set; }

        public List<JsonObject> Rows { get; } = [];

        public List<ReceivedCall> Calls { get; } = [];
    }
}

/// <summary>What <c>GET /_sandbox/dvcqg/received?dossier=</c> shows: the dossier as held, the calls and the progress rows received, in order.</summary>
internal sealed record ReceivedView(
    string MaHoSo,
    bool Exists,
    bool Seeded,
    string? TrangThaiHoSo,
    JsonObject? HoSo,
    IReadOnlyList<ReceivedCall> Calls,
    IReadOnlyList<ReceivedCall> Rows,
    int DuplicateRows,
    int UnchangedUpdates,
    int Refused);

/// <summary>What <c>GET /_sandbox/dvcqg/received</c> shows: totals and one line per dossier that received a call.</summary>
internal sealed record ReceivedSummary(long Calls, int Dossiers, int Rows, int DuplicateRows, int UnchangedUpdates, int Refused, IReadOnlyList<ReceivedCount> PerDossier);

internal sealed record ReceivedCount(string MaHoSo, int Rows, int DuplicateRows, int UnchangedUpdates, int Refused);
