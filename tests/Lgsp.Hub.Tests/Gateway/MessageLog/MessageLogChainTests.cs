using Lgsp.Hub.Gateway.MessageLog;

namespace Lgsp.Hub.Tests.Gateway.MessageLog;

public sealed class MessageLogChainTests
{
    [Fact]
    public void HashOf_SameRecord_IsTheSame()
    {
        Assert.Equal(MessageLogChain.HashOf(Record()), MessageLogChain.HashOf(Record()));
        Assert.Matches("^[0-9a-f]{64}$", MessageLogChain.HashOf(Record()));
    }

    public static TheoryData<string> Edits() => new()
    {
        "previous", "id", "instance", "exchange", "correlation", "at", "client", "officer", "purpose", "service", "operation",
        "subject", "request", "response", "signature", "outcome", "status", "latency",
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void HashOf_AnyFieldChanged_Changes(string field)
    {
        var record = Record();
        Action<MessageLogRecord> edit = field switch
        {
            "previous" => r => r.PreviousHash = new string('1', 64),
            "id" => r => r.Id++,
            "instance" => r => r.InstanceId += "x",
            "exchange" => r => r.ExchangeId = Guid.NewGuid(),
            "correlation" => r => r.CorrelationId = null,
            "at" => r => r.OccurredAt = r.OccurredAt.AddMilliseconds(1),
            "client" => r => r.ClientId = "other",
            "officer" => r => r.OfficerId = "canbo.2",
            "purpose" => r => r.Purpose = "1.000894",
            "service" => r => r.Service = "land",
            "operation" => r => r.Operation = "FindParcel",
            "subject" => r => r.SubjectHash = new string('a', 64),
            "request" => r => r.RequestDigest = new string('b', 64),
            "response" => r => r.ResponseDigest = null,
            "signature" => r => r.Signature = "x..y",
            "outcome" => r => r.Outcome = "upstream.business.timeout",
            "status" => r => r.HttpStatus = 504,
            _ => r => r.LatencyMicroseconds++,
        };
        var edited = Record();
        edit(edited);

        Assert.NotEqual(MessageLogChain.HashOf(record), MessageLogChain.HashOf(edited));
    }

    [Fact]
    public void HashOf_AbsentAndDashValues_Differ()
    {
        var absent = Record();
        absent.OfficerId = null;
        var dash = Record();
        dash.OfficerId = "-";

        Assert.NotEqual(MessageLogChain.HashOf(absent), MessageLogChain.HashOf(dash));
    }

    [Fact]
    public void HashOf_ValuesShiftedBetweenFields_Differ()
    {
        var one = Record();
        one.ClientId = "ab";
        one.OfficerId = "c";
        var two = Record();
        two.ClientId = "a";
        two.OfficerId = "bc";

        Assert.NotEqual(MessageLogChain.HashOf(one), MessageLogChain.HashOf(two));
    }

    private static MessageLogRecord Record() => new()
    {
        Id = 7,
        InstanceId = "hub-1:42",
        ExchangeId = Guid.Parse("0193a5f0-0000-7000-8000-000000000001"),
        CorrelationId = "H56.14-250812-0035",
        OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123),
        ClientId = "provincial-portal",
        OfficerId = "canbo.1",
        Purpose = "1.001193",
        Service = "business",
        Operation = "chiTietDoanhNghiep",
        SubjectHash = new string('c', 64),
        RequestDigest = new string('d', 64),
        ResponseDigest = new string('e', 64),
        Signature = "eyJhbGciOiJSUzI1NiJ9..c2ln",
        Outcome = "ok",
        HttpStatus = 200,
        LatencyMicroseconds = 1234,
        PreviousHash = MessageLogChain.Genesis,
    };
}
