using System.Text;
using System.Text.Json;
using Lgsp.Core.Dossiers;
using static Lgsp.Core.Tests.Dossiers.SampleDossiers;

namespace Lgsp.Core.Tests.Dossiers;

public sealed class DossierJsonTests
{
    [Fact]
    public void Serialize_Dossier_RoundTripsToTheSameBytes()
    {
        var bytes = DossierJson.Serialize(Processing());

        var again = DossierJson.Serialize(DossierJson.DeserializeDossier(bytes));

        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(again));
    }

    [Fact]
    public void Serialize_Dossier_UsesCanonicalCamelCaseFormsAndVietnamTime()
    {
        using var json = JsonDocument.Parse(DossierJson.Serialize(Processing()));
        var root = json.RootElement;

        Assert.Equal("H56.14-250812-0035", root.GetProperty("code").GetString());
        Assert.Equal("1.001193", root.GetProperty("procedure").GetProperty("nationalCode").GetString());
        Assert.Equal("1.001193.000.00.14.H56", root.GetProperty("procedure").GetProperty("localCode").GetString());
        Assert.Equal("000.00.14.H56", root.GetProperty("receivingAgencyCode").GetString());
        Assert.Equal(4, root.GetProperty("status").GetInt32());
        Assert.Equal(2, root.GetProperty("channel").GetInt32());
        Assert.Equal("personalId", root.GetProperty("owner").GetProperty("identifiers")[0].GetProperty("type").GetString());
        Assert.Equal("2025-08-12T08:00:00+07:00", root.GetProperty("receivedAt").GetString());
        Assert.Equal("KQ.G15.000031", root.GetProperty("components")[0].GetProperty("replacedByResultCode").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("results").ValueKind);
        Assert.False(root.TryGetProperty("codeAlias", out _));
        Assert.Contains("\"summary\":\"Đăng ký khai sinh cho con\"", Encoding.UTF8.GetString(DossierJson.Serialize(Processing())), StringComparison.Ordinal);
    }

    [Fact]
    public void ContentHash_SameInstantInAnotherOffset_IsTheSameContent()
    {
        var utc = Processing() with { ReceivedAt = Processing().ReceivedAt!.Value.ToUniversalTime() };

        Assert.Equal(DossierJson.ContentHash(Processing()), DossierJson.ContentHash(utc));
        Assert.NotEqual(DossierJson.ContentHash(Processing()), DossierJson.ContentHash(Processing() with { Note = "khác" }));
    }

    [Fact]
    public void Serialize_Step_RoundTrips()
    {
        var step = Step(7, DossierStatus.SupplementRequested);

        Assert.Equal(step, DossierJson.DeserializeStep(DossierJson.Serialize(step)));
    }

    [Fact]
    public void DeserializeDossier_UnknownMember_IsRefused()
    {
        var json = Encoding.UTF8.GetString(DossierJson.Serialize(Processing())).Replace("\"summary\":", "\"sumary\":", StringComparison.Ordinal);

        Assert.ThrowsAny<JsonException>(() => DossierJson.DeserializeDossier(Encoding.UTF8.GetBytes(json)));
    }
}
