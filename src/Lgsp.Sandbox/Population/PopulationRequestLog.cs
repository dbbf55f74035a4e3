namespace Lgsp.Sandbox.Population;

/// <summary>
/// What the stand-in received, newest first (the last <see cref="Capacity"/> calls), served at
/// <c>/_sandbox/population/requests</c> so a test can check what an adapter really sent: every call must carry the
/// exchange id, the procedure and the officer. Synthetic data only, kept in memory.
/// </summary>
internal sealed class PopulationRequestLog
{
    public const int Capacity = 200;

    private readonly Lock _lock = new();
    private readonly LinkedList<ReceivedPopulationRequest> _entries = new();

    public void Add(ReceivedPopulationRequest entry)
    {
        lock (_lock)
        {
            _entries.AddFirst(entry);
            if (_entries.Count > Capacity)
            {
                _entries.RemoveLast();
            }
        }
    }

    public IReadOnlyList<ReceivedPopulationRequest> Newest()
    {
        lock (_lock)
        {
            return [.. _entries];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }
}

/// <summary>
/// One received call: the SOAPAction, the operation and fields as sent (in the order sent), how it was answered, the
/// partner code its valid <c>lgspaccesstoken</c> named, the key name of the officer account its <c>AuthHash</c> opened,
/// and whether the answer was signed. Never a secret key or password.
/// </summary>
internal sealed record ReceivedPopulationRequest(
    DateTimeOffset ReceivedAt,
    string? SoapAction,
    string? Operation,
    string? MaYeuCau,
    string? MaDvc,
    string? MaTichHop,
    string? MaCanBo,
    string? SoDinhDanh,
    string? SoCmnd,
    string? HoVaTen,
    string? Nam,
    string? NgayThangNam,
    IReadOnlyList<string> FieldOrder,
    string Outcome,
    string? Partner,
    string? OfficerKeyName,
    bool Signed);
