using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json.Nodes;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Hub.Tests.StatusSync;
using Microsoft.Extensions.DependencyInjection;
using static Lgsp.Hub.Tests.StatusSync.DossierValidationTests;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.Indicators;

/// <summary>The per-agency 766 gauges on the management endpoint's <c>/metrics</c>, for this year (the hub's clock).</summary>
public sealed class Indicator766GaugeTests
{
    [Fact]
    public async Task Metrics_DossiersThisYear_GaugesPerAgencyAndItsParents()
    {
        await using var hub = await StatusSyncHub.OnSqliteAsync(extra: new Dictionary<string, string?> { ["Indicators766:GaugeRefreshInterval"] = "00:00:00.050" });
        // Two dossiers received today at 00:00 (Vietnam) by H56.27.01: one open and due in ten days (on time), online;
        // one closed the same minute (on time), direct. Progress 2/2 = 100 %; online 1/2 = 50 %; no fees: no payment rate.
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Date;
        var received = new DateTimeOffset(today, TimeSpan.FromHours(7));
        // One batch, one transaction: a gauge round sees both or neither.
        await PostOkAsync(hub.PostBatchAsync(Batch(
            DossierItem(ThisYear(NewCode(), received, status: 2, online: true)),
            DossierItem(ThisYear(NewCode(), received, status: 10, online: false)))));

        // The gauges of this hub's meter (its host's IMeterFactory), read as an exporter reads them: meters are
        // process-wide, and other tests' hubs have gauges of the same names. Waited for (the refresher's next round).
        var factory = hub.Host.Services.GetRequiredService<IMeterFactory>();
        var values = new ConcurrentDictionary<(string Name, string Agency), double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Lgsp.Indicators" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "agency")
                {
                    values[(instrument.Name, (string)tag.Value!)] = value;
                }
            }
        });
        listener.Start();
        await StatusSyncHub.EventuallyAsync(() =>
        {
            listener.RecordObservableInstruments();
            return values.ContainsKey(("lgsp.indicators766.points", "H56.27.01"));
        }, "the gauges of H56.27.01", seconds: 120);

        foreach (var agency in new[] { "H56.27.01", "H56.27", "H56" })
        {
            Assert.Equal(100, values[("lgsp.indicators766.progress_rate", agency)]);
            Assert.Equal(50, values[("lgsp.indicators766.online_rate", agency)]);
        }

        // Progress 100 % → 20 points; online 50 % → 12 (threshold 50 %); digitized 2/2 (the sample's flag) → 22.
        Assert.Equal(54, values[("lgsp.indicators766.points", "H56.27.01")]);
        Assert.DoesNotContain(values.Keys, k => k.Name == "lgsp.indicators766.online_payment_rate");
    }

    private static JsonObject ThisYear(string code, DateTimeOffset received, int status, bool online)
    {
        var dossier = Dossier(code, status);
        dossier["receivingAgencyCode"] = "H56.27.01";
        dossier["channel"] = online ? 2 : 1;
        dossier["fees"] = new JsonArray();
        dossier.Remove("supplements");
        dossier["submittedAt"] = Iso(received);
        dossier["receivedAt"] = Iso(received);
        dossier["dueAt"] = Iso(received.AddDays(10));
        if (status == 10)
        {
            dossier["processingEndedAt"] = Iso(received.AddSeconds(1));
            dossier["resultReturnedAt"] = Iso(received.AddSeconds(2));
        }

        return dossier;
    }

    private static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
