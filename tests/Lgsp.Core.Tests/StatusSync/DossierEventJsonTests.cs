using System.Text;
using System.Text.Json;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.StatusSync;
using static Lgsp.Core.Tests.Dossiers.SampleDossiers;

namespace Lgsp.Core.Tests.StatusSync;

public sealed class DossierEventJsonTests
{
    private static readonly Guid Id = Guid.Parse("0b6f6f0e-6a2c-4c1e-9d3e-6c1f8a2d9b11");

    internal static DossierEvent StatusChanged() => new()
    {
        MessageId = Id,
        Source = SyncSides.Provincial,
        Destination = SyncSides.Dvcqg,
        AgencyCode = AgencyCode.Parse("H56.14"),
        OccurredAt = At("20250812094107"),
        RecordedAt = At("20250812094108"),
        Payload = DossierStatusChanged.From(Processing(), Step(7, DossierStatus.SupplementRequested)),
        TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    };

    internal static DossierEvent Updated() => StatusChanged() with
    {
        Payload = new DossierUpdated { DossierCode = Processing().Code, Version = 3, Dossier = Processing() },
    };

    [Fact]
    public void Serialize_StatusChanged_HasTheDocumentedShape()
    {
        using var json = JsonDocument.Parse(DossierEventJson.Serialize(StatusChanged()));
        var root = json.RootElement;

        Assert.Equal("dossier.status-changed.v1", root.GetProperty("type").GetString());
        Assert.Equal("H56.14-250812-0035", root.GetProperty("correlationId").GetString());
        Assert.Equal("H56.14-250812-0035#7", root.GetProperty("idempotencyKey").GetString());
        Assert.Equal("000.00.14.H56", root.GetProperty("agencyCode").GetString());
        Assert.Equal("dvcqg", root.GetProperty("destination").GetString());
        var payload = root.GetProperty("payload");
        Assert.Equal(5, payload.GetProperty("status").GetInt32());
        Assert.Equal("Yêu cầu bổ sung giấy tờ", payload.GetProperty("statusName").GetString());
        Assert.Equal("1.001193", payload.GetProperty("procedureNationalCode").GetString());
        Assert.Equal("2025-08-15T17:00:00+07:00", payload.GetProperty("dueAt").GetString());
        Assert.False(root.TryGetProperty("traceParent", out _));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Deserialize_WhatWasSerialized_GivesTheSameEventAndBytes(bool step)
    {
        var original = step ? StatusChanged() : Updated();
        var bytes = DossierEventJson.Serialize(original);

        var read = DossierEventJson.Deserialize(bytes, original.TraceParent);

        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(DossierEventJson.Serialize(read)));
        Assert.Equal((original.Type, original.IdempotencyKey, original.TraceParent), (read.Type, read.IdempotencyKey, read.TraceParent));
    }

    [Fact]
    public void Serialize_UpdatedWithTheDossierAlreadySerialised_GivesTheSameBytes()
    {
        var e = Updated();

        var spliced = DossierEventJson.Serialize(e, DossierJson.Serialize(((DossierUpdated)e.Payload).Dossier));

        Assert.Equal(Encoding.UTF8.GetString(DossierEventJson.Serialize(e)), Encoding.UTF8.GetString(spliced));
        Assert.StartsWith("{\"dossierCode\":\"H56.14-250812-0035\",\"version\":3,\"dossier\":{\"code\"",
            JsonDocument.Parse(spliced).RootElement.GetProperty("payload").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Updated_IdempotencyKey_IsCodeAtVersion()
    {
        Assert.Equal("H56.14-250812-0035@3", Updated().IdempotencyKey);
        Assert.Equal("dossier.updated.v1", Updated().Type);
    }

    [Fact]
    public void Deserialize_KeyNotMatchingPayload_IsRefused()
    {
        var json = Encoding.UTF8.GetString(DossierEventJson.Serialize(StatusChanged())).Replace("#7\"", "#8\"", StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => DossierEventJson.Deserialize(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void OtherSide_EachSide_IsTheOther()
    {
        Assert.Equal(SyncSides.Dvcqg, SyncSides.OtherSide(SyncSides.Provincial));
        Assert.Equal(SyncSides.Provincial, SyncSides.OtherSide(SyncSides.Dvcqg));
    }
}
