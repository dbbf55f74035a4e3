using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Core.Lookups;
using Lgsp.Core.Time;

namespace Lgsp.Hub.Tests.Gateway.Limits;

/// <summary>
/// A client's rate limit and daily quota on a source (<c>Gateway:AccessRights:…:RateLimit</c>, <c>DailyQuota</c>):
/// a call over either is 429 <c>client.rate_limited</c> with <c>Retry-After</c> and the limit named, recorded in the
/// message log as refused, nothing sent upstream; the bucket refills with the hub's clock and the quota renews at
/// 00:00 Vietnam time; an operator's change is in force for the next call.
/// </summary>
public sealed class ClientLimitsTests(LimitsFixture hub) : IClassFixture<LimitsFixture>
{
    [Fact]
    public async Task RateLimit_OverBurst_Is429WithRetryAfterRecordedAndRefillsWithTime()
    {
        var business = await SourceCase.ForAsync(SourceNames.Business, hub.Sandbox);
        var token = await hub.FreshTokenAsync(GatewayFixture.Portal, business.Scope);
        hub.Time.Advance(TimeSpan.FromMinutes(1)); // a full bucket, whatever ran before
        for (var i = 0; i < 2; i++)
        {
            using var admitted = await hub.GetAsync(business.ExistingPath, token);
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }

        var upstreamBefore = (await hub.Sandbox.CallsAsync(business.Source)).Values.Sum();

        var counted = 0L;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Lgsp.Gateway.Limits" && instrument.Name == "lgsp.gateway.client_limit.refused")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var all = tags.ToArray();
            if (all.Contains(new("client_id", GatewayFixture.Portal)) && all.Contains(new("source", "business")) && all.Contains(new("limit", "rate")))
            {
                Interlocked.Add(ref counted, value);
            }
        });
        listener.Start();

        using (var refused = await hub.GetAsync(business.ExistingPath, token))
        {
            var problem = await AssertRateLimitedAsync(refused);
            Assert.True(Interlocked.Read(ref counted) >= 1, "the refusal is counted in lgsp.gateway.client_limit.refused{client_id, source, limit=rate}");
            Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
            Assert.Contains("rate limit of 1 requests per second (burst 2)", problem.GetProperty("detailMessage").GetProperty("en").GetString(), StringComparison.Ordinal);
            Assert.Contains("giới hạn tốc độ", problem.GetProperty("detailMessage").GetProperty("vi").GetString(), StringComparison.Ordinal);
            var record = await hub.RecordAsync(problem.GetProperty("exchangeId").GetString()!);
            Assert.Equal(("client.rate_limited", 429, GatewayFixture.Portal), (record.Outcome, record.HttpStatus, record.ClientId));
        }

        Assert.Equal(upstreamBefore, (await hub.Sandbox.CallsAsync(business.Source)).Values.Sum());
        hub.Time.Advance(TimeSpan.FromSeconds(1));
        using var refilled = await hub.GetAsync(business.ExistingPath, token);
        Assert.Equal(HttpStatusCode.OK, refilled.StatusCode);
    }

    [Fact]
    public async Task DailyQuota_Used_Is429UntilVietnamMidnightThenRenews()
    {
        var land = await SourceCase.ForAsync(SourceNames.Land, hub.Sandbox);
        var token = await hub.FreshTokenAsync(GatewayFixture.Portal, land.Scope);
        var day = VietnamTime.Today(hub.Time);
        var used = await hub.DbAsync(db => Task.FromResult(db.ClientQuotaUsage.Where(u => u.ClientId == GatewayFixture.Portal && u.Source == "land" && u.Day == day).Select(u => u.Used).FirstOrDefault()));
        for (var i = used; i < 3; i++)
        {
            using var admitted = await hub.GetAsync(land.ExistingPath, token, purpose: land.GrantedPurpose);
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }

        using (var refused = await hub.GetAsync(land.ExistingPath, token, purpose: land.GrantedPurpose))
        {
            var problem = await AssertRateLimitedAsync(refused);
            Assert.Contains("daily quota of 3 requests on the 'land' source", problem.GetProperty("detailMessage").GetProperty("en").GetString(), StringComparison.Ordinal);
            var midnight = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);
            var expected = (long)Math.Ceiling((midnight - hub.Time.GetUtcNow()).TotalSeconds);
            Assert.Equal(Math.Max(1, expected).ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Headers.GetValues("Retry-After").Single());
        }

        Assert.Equal(3, await hub.DbAsync(db => Task.FromResult(db.ClientQuotaUsage.Single(u => u.ClientId == GatewayFixture.Portal && u.Source == "land" && u.Day == day).Used)));

        // One second before midnight, Vietnam time: still refused; at midnight: a new day, a new count.
        hub.Time.SetUtcNow(new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), VietnamTime.Offset).AddSeconds(-1));
        token = await hub.FreshTokenAsync(GatewayFixture.Portal, land.Scope);
        using (var lastSecond = await hub.GetAsync(land.ExistingPath, token, purpose: land.GrantedPurpose))
        {
            await AssertRateLimitedAsync(lastSecond);
            Assert.Equal("1", lastSecond.Headers.GetValues("Retry-After").Single());
        }

        hub.Time.Advance(TimeSpan.FromSeconds(1));
        using var nextDay = await hub.GetAsync(land.ExistingPath, token, purpose: land.GrantedPurpose);
        Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
    }

    [Fact]
    public async Task ChangeAndRollback_ThroughTheOperatorsApi_InForceForTheNextCall()
    {
        var business = await SourceCase.ForAsync(SourceNames.Business, hub.Sandbox);
        var token = await hub.FreshTokenAsync(GatewayFixture.RecordsOffice, business.Scope);
        const string Path = "/admin/v1/clients/records-office/access-rights";
        var etag = await ETagAsync(Path);
        using (var change = await hub.AdminAsync(HttpMethod.Patch, Path, new
        {
            reason = "Giới hạn 1 yêu cầu/giây theo Quyết định 99/QĐ-UBND",
            changes = new { services = new { business = new { rateLimit = new { permitsPerSecond = 1, burst = 1 } } } },
        }, etag))
        {
            var body = await change.Content.ReadAsStringAsync();
            Assert.True(change.StatusCode == HttpStatusCode.OK, body);
            var rate = JsonDocument.Parse(body).RootElement.GetProperty("accessRights").GetProperty("services").GetProperty("business").GetProperty("rateLimit");
            Assert.Equal(1, rate.GetProperty("permitsPerSecond").GetInt32());
            Assert.Equal("Số yêu cầu mỗi giây", JsonDocument.Parse(body).RootElement.GetProperty("labels").GetProperty("services.*.rateLimit.permitsPerSecond").GetProperty("vi").GetString());
        }

        using (var first = await hub.GetAsync(business.ExistingPath, token, purpose: "1.000894"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var second = await hub.GetAsync(business.ExistingPath, token, purpose: "1.000894"))
        {
            await AssertRateLimitedAsync(second);
        }

        using (var rollback = await hub.AdminAsync(HttpMethod.Post, Path + "/rollback", new { toVersion = 0, reason = "Bỏ giới hạn" }, await ETagAsync(Path)))
        {
            Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        }

        using var unlimited = await hub.GetAsync(business.ExistingPath, token, purpose: "1.000894");
        Assert.Equal(HttpStatusCode.OK, unlimited.StatusCode);
    }

    [Fact]
    public async Task Change_LimitsOutOfRange_AreRefusedWithEveryErrorInBothLanguagesAndNothingChanges()
    {
        const string Path = "/admin/v1/clients/records-office/access-rights";
        var etag = await ETagAsync(Path);
        using var response = await hub.AdminAsync(HttpMethod.Patch, Path, new
        {
            reason = "Thử giới hạn sai",
            changes = new { services = new { business = new { rateLimit = new { permitsPerSecond = 0, burst = 1_000_000 }, dailyQuota = -5 } } },
        }, etag);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        var fields = errors.Select(e => e.GetProperty("field").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["services.business.dailyQuota", "services.business.rateLimit.burst", "services.business.rateLimit.permitsPerSecond"], fields);
        Assert.All(errors, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("messageVi").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("messageEn").GetString()));
        });
        Assert.Contains(errors, e => e.GetProperty("messageEn").GetString()!.Contains("between 1 and 10000", StringComparison.Ordinal));
        Assert.Equal(etag, await ETagAsync(Path));
    }

    private async Task<string> ETagAsync(string path)
    {
        using var read = await hub.AdminAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        return read.Headers.ETag!.ToString();
    }

    private static async Task<JsonElement> AssertRateLimitedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("client.rate_limited", problem.GetProperty("code").GetString());
        Assert.Equal("client", problem.GetProperty("faultOrigin").GetString());
        Assert.True(response.Headers.Contains("Retry-After"));
        return problem;
    }
}
