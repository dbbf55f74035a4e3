using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lgsp.Core.Time;

namespace Lgsp.Sandbox.ProvincialPortal;

/// <summary>One hand-over as the one-stop system received it, in arrival order.</summary>
/// <param name="N">Position among everything it received (across dossiers), from 1.</param>
/// <param name="Replay">The same <c>Idempotency-Key</c> and content again: answered as the first time, applied once.</param>
/// <param name="OutOfOrder">A dossier version older than the one held: kept out (the newer stays).</param>
/// <param name="Duplicate">A step whose number (<c>buoc</c>) the dossier already had under another key.</param>
internal sealed record MotCuaCall(long N, DateTimeOffset At, string Op, string Key, int Status, bool Replay, bool OutOfOrder, bool Duplicate, JsonObject Body);

/// <summary>What the one-stop system answered: HTTP status and its JSON (<c>{succeeded, message, data}</c> or the error shape).</summary>
internal sealed record MotCuaAnswer(int Status, JsonObject Body);

/// <summary>
/// The one-stop system's dossiers from DVCQG, kept in memory: each dossier (its latest version), its steps, every
/// hand-over received, and the <c>Idempotency-Key</c>s already answered (a key sent again with the same content gets the
/// same answer and changes nothing; with other content it is refused). One lock: every operation is a few steps.
/// </summary>
internal sealed class MotCuaStore(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dossier> _dossiers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Hash, MotCuaAnswer Answer)> _keys = new(StringComparer.Ordinal);
    private long _entries;

    public MotCuaAnswer PutDossier(string key, JsonObject hoSo) => Keyed(key, hoSo, "HoSo", () =>
    {
        var code = MotCuaRules.Text(hoSo, "maHoSo")!;
        var dossier = Of(code);
        var version = hoSo["phienBan"]!.GetValue<int>();
        var created = dossier.HoSo is null;
        var stale = !created && version < dossier.Version;
        if (!stale)
        {
            dossier.HoSo = (JsonObject)hoSo.DeepClone();
            dossier.Version = version;
        }

        var answer = Success(created ? 201 : 200, created ? "Tiếp nhận hồ sơ từ Cổng DVC quốc gia thành công." : "Cập nhật hồ sơ thành công.", code);
        return (dossier, answer, stale, false);
    });

    public MotCuaAnswer AddStep(string key, string code, JsonObject step) => Keyed(key, step, "QuaTrinh", () =>
    {
        var dossier = Of(code);
        if (dossier.HoSo is null)
        {
            return (dossier, Error(404, $"Không tìm thấy hồ sơ {code}."), false, false);
        }

        var seq = step["buoc"]!.GetValue<int>();
        var duplicate = dossier.Steps.Exists(s => s["buoc"]!.GetValue<int>() == seq);
        dossier.Steps.Add((JsonObject)step.DeepClone());
        return (dossier, Success(201, "Cập nhật quá trình xử lý thành công.", code), false, duplicate);
    });

    /// <summary>Records a refused hand-over (invalid content) under the dossier it named.</summary>
    public MotCuaAnswer Refused(string key, string op, string? code, JsonObject body, MotCuaAnswer answer)
    {
        lock (_lock)
        {
            if (code is not null)
            {
                Of(code).Calls.Add(new MotCuaCall(++_entries, VietnamTime.Now(time), op, key, answer.Status, false, false, false, (JsonObject)body.DeepClone()));
            }

            return answer;
        }
    }

    public (JsonObject HoSo, IReadOnlyList<JsonObject> Steps)? Find(string code)
    {
        lock (_lock)
        {
            return _dossiers.TryGetValue(code, out var d) && d.HoSo is { } hoSo
                ? ((JsonObject)hoSo.DeepClone(), d.Steps.Select(s => (JsonObject)s.DeepClone()).ToList())
                : null;
        }
    }

    public void Seed(JsonObject hoSo, IEnumerable<JsonObject> steps)
    {
        lock (_lock)
        {
            var dossier = Of(MotCuaRules.Text(hoSo, "maHoSo")!);
            dossier.HoSo = hoSo;
            dossier.Version = hoSo["phienBan"]!.GetValue<int>();
            dossier.Seeded = true;
            dossier.Steps.AddRange(steps);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _dossiers.Clear();
            _keys.Clear();
            _entries = 0;
        }
    }

    public MotCuaView? Received(string code)
    {
        lock (_lock)
        {
            return _dossiers.TryGetValue(code, out var d) ? View(d) : null;
        }
    }

    public MotCuaSummary Summary()
    {
        lock (_lock)
        {
            var views = _dossiers.Values.Where(d => d.Calls.Count > 0).OrderBy(d => d.Code, StringComparer.Ordinal).Select(View).ToList();
            return new MotCuaSummary(
                Received: _entries,
                Dossiers: views.Count(v => v.Exists),
                Steps: views.Sum(v => v.Steps),
                Replays: views.Sum(v => v.Replays),
                Duplicates: views.Sum(v => v.Duplicates),
                OutOfOrder: views.Sum(v => v.OutOfOrder),
                PerDossier: [.. views.Select(v => new MotCuaCount(v.MaHoSo, v.PhienBan, v.Steps, v.Replays, v.Duplicates, v.OutOfOrder))]);
        }
    }

    private MotCuaAnswer Keyed(string key, JsonObject body, string op, Func<(Dossier Dossier, MotCuaAnswer Answer, bool Stale, bool Duplicate)> apply)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString())));
        lock (_lock)
        {
            var code = MotCuaRules.Text(body, "maHoSo")!;
            if (_keys.TryGetValue(key, out var seen))
            {
                var replay = seen.Hash == hash
                    ? seen.Answer
                    : Error(422, "Idempotency-Key đã được dùng cho một nội dung khác.");
                Of(code).Calls.Add(new MotCuaCall(++_entries, VietnamTime.Now(time), op, key, replay.Status, seen.Hash == hash, false, false, (JsonObject)body.DeepClone()));
                return replay;
            }

            var (dossier, answer, stale, duplicate) = apply();
            dossier.Calls.Add(new MotCuaCall(++_entries, VietnamTime.Now(time), op, key, answer.Status, false, stale, duplicate, (JsonObject)body.DeepClone()));
            if (answer.Status < 300)
            {
                _keys[key] = (hash, answer);
            }

            return answer;
        }
    }

    private static MotCuaAnswer Success(int status, string message, string code) =>
        new(status, new JsonObject { ["succeeded"] = true, ["message"] = message, ["data"] = code });

    internal static MotCuaAnswer Error(int status, params string[] messages) =>
        new(status, new JsonObject { ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)m)]), ["statusCode"] = status });

    private static MotCuaView View(Dossier d) => new(
        d.Code,
        d.HoSo is not null,
        d.Seeded,
        d.HoSo is null ? null : d.Version,
        d.HoSo is null ? null : MotCuaRules.Text(d.HoSo, "trangThaiHoSoId"),
        d.Steps.Count,
        [.. d.Calls],
        d.Calls.Count(c => c.Replay),
        d.Calls.Count(c => c.Duplicate),
        d.Calls.Count(c => c.OutOfOrder));

    private Dossier Of(string code)
    {
        if (!_dossiers.TryGetValue(code, out var dossier))
        {
            _dossiers[code] = dossier = new Dossier(code);
        }

        return dossier;
    }

    private sealed class Dossier(string code)
    {
        public string Code { get; } = code;

        public JsonObject? HoSo { get; set; }

        public int Version { get; set; }

        public bool Seeded { get; set; }

        public List<JsonObject> Steps { get; } = [];

        public List<MotCuaCall> Calls { get; } = [];
    }
}

/// <summary>What <c>GET /_sandbox/provincial/received?dossier=</c> shows.</summary>
internal sealed record MotCuaView(
    string MaHoSo, bool Exists, bool Seeded, int? PhienBan, string? TrangThaiHoSoId, int Steps, IReadOnlyList<MotCuaCall> Calls, int Replays, int Duplicates, int OutOfOrder);

/// <summary>What <c>GET /_sandbox/provincial/received</c> shows.</summary>
internal sealed record MotCuaSummary(long Received, int Dossiers, int Steps, int Replays, int Duplicates, int OutOfOrder, IReadOnlyList<MotCuaCount> PerDossier);

internal sealed record MotCuaCount(string MaHoSo, int? PhienBan, int Steps, int Replays, int Duplicates, int OutOfOrder);
