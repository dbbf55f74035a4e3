using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Lgsp.Hub.Tests.Gateway;
using Lgsp.Hub.Tests.StatusSync;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Tests.DataAccess;

/// <summary>
/// Reads of a dossier and of the change feed return the owner's personal id: each is in the message log under the
/// owner's keyed hash (never the id itself) and in the owner's own report.
/// </summary>
public sealed class DossierReadTests(DataAccessFixture fixture) : IClassFixture<DataAccessFixture>
{
    [Fact]
    public async Task DossierAndFeedReads_ReturningHisId_AreInHisReport()
    {
        var citizen = fixture.Citizens[4];
        var token = await fixture.CitizenTokenAsync(citizen);
        var code = StatusSyncSamples.NewCode();
        var dossier = StatusSyncSamples.Dossier(code);
        dossier["owner"]!["identifiers"]![0]!["value"] = citizen.Login;
        var sync = await fixture.TokenAsync(GatewayFixture.Portal, "lgsp.dossier.sync");
        using (var posted = await SendAsync(HttpMethod.Post, "/api/v1/dossiers", sync, dossier))
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        string dossierRead;
        using (var read = await SendAsync(HttpMethod.Get, $"/api/v1/dossiers/{code}", sync))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            dossierRead = read.Headers.GetValues("X-Lgsp-Exchange-Id").Single();
        }

        using (var feed = await SendAsync(HttpMethod.Get, "/api/v1/dossiers/changes?after=0&limit=1000", sync))
        {
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
            Assert.Contains(citizen.Login, await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var report = await fixture.ReportAsync(token);

        var items = report.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["GetDossierChanges", "GetDossier"], items.Select(i => i.GetProperty("operation").GetString()));
        Assert.All(items, i => Assert.Equal("dossiers", i.GetProperty("source").GetString()));
        Assert.All(items, i => Assert.Equal(GatewayFixture.Portal, i.GetProperty("clientId").GetString()));
        Assert.Equal(dossierRead, items[1].GetProperty("exchangeId").GetString());
        var stored = await fixture.DbAsync(db => db.MessageLogRecords.AsNoTracking().Where(r => r.Service == "dossiers").ToListAsync());
        Assert.DoesNotContain(stored, r => JsonSerializerText(r).Contains(citizen.Login, StringComparison.Ordinal));
    }

    private static string JsonSerializerText(Lgsp.Hub.Gateway.MessageLog.MessageLogRecord r) =>
        string.Join('|', r.ClientId, r.CorrelationId, r.OfficerId, r.Purpose, r.Service, r.Operation, r.SubjectHash, r.RequestDigest, r.Outcome);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, JsonNode? body = null)
    {
        using var api = fixture.Api();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = StatusSyncSamples.Json(body);
        }

        return await api.SendAsync(request);
    }
}
