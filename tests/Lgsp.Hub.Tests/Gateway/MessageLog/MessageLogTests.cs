using System.Data.Common;
using System.Net;
using Lgsp.Core.Codes;
using Lgsp.Hub.Gateway.MessageLog;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lgsp.Hub.Tests.Gateway.GatewayAssertions;

namespace Lgsp.Hub.Tests.Gateway.MessageLog;

/// <summary>
/// The message log: every exchange recorded in one hash chain that the verification command checks, which finds an
/// edited column, a deleted record and a truncated tail; the database refuses changes outright; no personal
/// identifier reaches the log table or the application logs.
/// </summary>
public sealed class MessageLogTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Verify_AfterManyConcurrentLookups_TheChainIsValid()
    {
        await LookupsAsync(60);

        var (code, output) = await VerifyAsync();

        Assert.Equal(MessageLogCommand.Valid, code);
        Assert.Contains("valid", output, StringComparison.Ordinal);
        var ids = await gateway.DbAsync(db => db.MessageLogRecords.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());
        Assert.True(ids.Count >= 60);
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => (long)i), ids);
    }

    [Fact]
    public async Task Verify_OneColumnEdited_IsBrokenAtThatRecord()
    {
        await LookupsAsync(12);
        var target = await gateway.DbAsync(db => db.MessageLogRecords.Where(r => r.Outcome != "ok").OrderBy(r => r.Id).Select(r => new { r.Id, r.Outcome }).FirstAsync());
        await TamperAsync($"UPDATE message_log SET outcome = 'ok' WHERE id = {target.Id}");
        try
        {
            var (code, output) = await VerifyAsync();

            Assert.Equal(MessageLogCommand.Broken, code);
            Assert.Contains($"BROKEN at record {target.Id}:", output, StringComparison.Ordinal);
            Assert.Contains("does not match its hash", output, StringComparison.Ordinal);
        }
        finally
        {
            await TamperAsync($"UPDATE message_log SET outcome = '{target.Outcome}' WHERE id = {target.Id}");
        }

        Assert.Equal(MessageLogCommand.Valid, (await VerifyAsync()).Code);
    }

    [Fact]
    public async Task Verify_RowDeleted_IsBrokenAtTheRecordAfterIt()
    {
        await LookupsAsync(12);
        var deleted = await gateway.DbAsync(db => db.MessageLogRecords.AsNoTracking().OrderBy(r => r.Id).Skip(3).FirstAsync());
        await TamperAsync($"DELETE FROM message_log WHERE id = {deleted.Id}");
        try
        {
            var (code, output) = await VerifyAsync();

            Assert.Equal(MessageLogCommand.Broken, code);
            Assert.Contains($"BROKEN at record {deleted.Id + 1}: Record {deleted.Id} is missing", output, StringComparison.Ordinal);
        }
        finally
        {
            await RestoreAsync(deleted);
        }

        Assert.Equal(MessageLogCommand.Valid, (await VerifyAsync()).Code);
    }

    [Fact]
    public async Task Verify_LastRowDeleted_IsBrokenAtTheHead()
    {
        await LookupsAsync(3);
        var last = await gateway.DbAsync(db => db.MessageLogRecords.AsNoTracking().OrderByDescending(r => r.Id).FirstAsync());
        await TamperAsync($"DELETE FROM message_log WHERE id = {last.Id}");
        try
        {
            var (code, output) = await VerifyAsync();

            Assert.Equal(MessageLogCommand.Broken, code);
            Assert.Contains($"BROKEN at record {last.Id}: The chain ends at record {last.Id - 1} but its head names record {last.Id}", output, StringComparison.Ordinal);
        }
        finally
        {
            await RestoreAsync(last);
        }
    }

    [Fact]
    public async Task Verify_FromARecord_ChecksFromThere()
    {
        await LookupsAsync(6);
        var count = await gateway.DbAsync(db => db.MessageLogRecords.CountAsync());

        var (code, output) = await VerifyAsync("--from", "3");

        Assert.Equal(MessageLogCommand.Valid, code);
        Assert.Contains($"{count - 2} records checked (3–{count})", output, StringComparison.Ordinal);
        Assert.Equal(MessageLogCommand.Usage, (await VerifyAsync("--from", "zero")).Code);
    }

    [Fact]
    public async Task Database_UpdateOrDelete_IsRefusedByTheAppendOnlyTriggers()
    {
        await LookupsAsync(2);

        await Assert.ThrowsAnyAsync<DbException>(() => gateway.DbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE message_log SET outcome = 'ok'")));
        await Assert.ThrowsAnyAsync<DbException>(() => gateway.DbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM message_log")));
        await Assert.ThrowsAnyAsync<DbException>(() => gateway.DbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE message_log_head SET last_id = 0")));
        Assert.Equal(MessageLogCommand.Valid, (await VerifyAsync()).Code);
    }

    [Fact]
    public async Task PersonalId_NeverInTheMessageLogNorTheApplicationLogs()
    {
        var citizen = (await gateway.Sandbox.DemoAsync()).GetProperty("citizens")[0];
        var id = citizen.GetProperty("personalId").GetString()!;
        var name = citizen.GetProperty("fullName").GetString()!;
        var token = await gateway.TokenAsync(GatewayFixture.RecordsOffice, "lgsp.population.read");
        var portal = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.population.read");
        var exchanges = new List<string>();
        using (var allowed = await gateway.GetAsync("/api/v1/population/citizens/" + id, portal, officer: GatewayFixture.Officer))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Contains(name, await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            exchanges.Add(ExchangeId(allowed));
        }

        using (var verify = await gateway.SendAsync(HttpMethod.Post, "/api/v1/population/citizens/verify", portal, officer: GatewayFixture.Officer,
            jsonBody: $"{{\"personalId\":\"{id}\",\"fullName\":\"{name}\",\"birthYear\":1990}}"))
        {
            Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
            exchanges.Add(ExchangeId(verify));
        }

        using (var noOfficer = await gateway.GetAsync("/api/v1/population/citizens/" + id, portal))
        {
            await ProblemAsync(noOfficer, HttpStatusCode.BadRequest, "client.validation_failed", "client");
            exchanges.Add(ExchangeId(noOfficer));
        }

        using (var notAllowed = await gateway.GetAsync("/api/v1/population/citizens/" + id, token, officer: GatewayFixture.Officer))
        {
            await ProblemAsync(notAllowed, HttpStatusCode.Forbidden, "client.service_not_allowed", "client");
            exchanges.Add(ExchangeId(notAllowed));
        }

        var missing = Lgsp.Core.Codes.PersonalId.CreateCccd("001", Gender.Male, 1985, 999_999).Value;
        using (var notFound = await gateway.GetAsync("/api/v1/population/citizens/" + missing, portal, officer: GatewayFixture.Officer))
        {
            await ProblemAsync(notFound, HttpStatusCode.NotFound, "upstream.population.not_found", "upstream");
        }

        // The subject is the keyed hash of the identifier: the same person links up, and only the key holder can find them.
        var hasher = gateway.Hub.Services.GetRequiredService<SubjectHasher>();
        foreach (var exchange in exchanges)
        {
            Assert.Equal(hasher.Hash("personal_id", id), (await gateway.RecordAsync(exchange)).SubjectHash);
        }

        var cells = await gateway.DbAsync(AllMessageLogCellsAsync);
        Assert.NotEmpty(cells);
        Assert.DoesNotContain(cells, c => c.Contains(id, StringComparison.Ordinal) || c.Contains(missing, StringComparison.Ordinal));
        Assert.NotEmpty(gateway.Logs.Lines);
        Assert.DoesNotContain(gateway.Logs.Lines, l => l.Contains(id, StringComparison.Ordinal) || l.Contains(missing, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestDigest_StoredRowAndKnownPersonalId_PlainSha256DoesNotReproduceIt_TheKeyedDigestDoes()
    {
        var id = (await gateway.Sandbox.DemoAsync()).GetProperty("citizens")[0].GetProperty("personalId").GetString()!;
        var portal = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.population.read");
        using var response = await gateway.GetAsync("/api/v1/population/citizens/" + id, portal, officer: GatewayFixture.Officer);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var row = await gateway.RecordAsync(ExchangeId(response));

        // Someone holding only the database: every field of the request but the personal id is in the row, and the
        // personal id is one of 10^12 (far fewer with the province, century and year digits). The plain digest over the
        // stored fields, with the right id, must not match, or trying them all finds the person.
        Assert.Matches("^[0-9a-f]{64}$", row.RequestDigest);
        Assert.NotEqual(PlainDigest(row, "GET", "/api/v1/population/citizens/" + id, body: []), row.RequestDigest);
        Assert.DoesNotContain(row.RequestDigest, PlainCandidates(row, id));

        // With the configured key it is reproduced, from the hash of the request the client sent.
        var requestHash = RequestHashAsSent(response.RequestMessage!);
        Assert.Equal(KeyedRequestDigest(gateway.MessageLogKey(), row.ExchangeId, requestHash), row.RequestDigest);
        Assert.Equal(MessageLogCommand.Valid, (await VerifyAsync()).Code);
    }

    /// <summary>The request digest as the message log computed it before it was keyed: SHA-256, exchange id first.</summary>
    private static string PlainDigest(MessageLogRecord row, string method, string path, byte[] body)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(row.ExchangeId.ToByteArray());
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"\n{method}\n{path}\n\n{row.Purpose}\n{row.OfficerId}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>An offline search over the personal ids around the known one (the real one included), plain SHA-256 each.</summary>
    private static IEnumerable<string> PlainCandidates(MessageLogRecord row, string known)
    {
        var serial = long.Parse(known, System.Globalization.CultureInfo.InvariantCulture);
        return Enumerable.Range(-500, 1001)
            .Select(offset => (serial + offset).ToString("D12", System.Globalization.CultureInfo.InvariantCulture))
            .Select(candidate => PlainDigest(row, "GET", "/api/v1/population/citizens/" + candidate, body: []));
    }

    private async Task LookupsAsync(int count)
    {
        var demo = await gateway.Sandbox.DemoAsync();
        var codes = demo.GetProperty("enterprises").EnumerateArray().Select(e => e.GetProperty("enterpriseCode").GetString()!).ToList();
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.business.read");
        var other = await gateway.TokenAsync(GatewayFixture.AuditOffice, "lgsp.business.read");
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            using var response = (i % 4) switch
            {
                0 => await gateway.GetAsync("/api/v1/business/enterprises/0101234568", token),
                1 => await gateway.GetAsync("/api/v1/business/enterprises/" + codes[i % codes.Count], other),
                _ => await gateway.GetAsync("/api/v1/business/enterprises/" + codes[i % codes.Count], token, accept: i % 3 == 0 ? "application/xml" : null),
            };
            Assert.True(response.Headers.Contains("X-Lgsp-Exchange-Id"));
        });
    }

    private async Task<(int Code, string Output)> VerifyAsync(params string[] options)
    {
        using var output = new StringWriter();
        var code = await MessageLogCommand.RunAsync(gateway.Hub.Services, ["message-log", "verify", .. options], output);
        return (code, output.ToString());
    }

    /// <summary>What someone with the database's owner rights can do: drop the triggers, change rows, put the triggers back.</summary>
    private Task TamperAsync(string sql) => gateway.DbAsync(async db =>
    {
        await db.Database.ExecuteSqlRawAsync(MessageLogModel.SqliteDropTriggers);
        try
        {
            return await db.Database.ExecuteSqlRawAsync(sql);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync(MessageLogModel.SqliteTriggers);
        }
    });

    private Task RestoreAsync(MessageLogRecord record) => gateway.DbAsync(async db =>
    {
        db.MessageLogRecords.Add(record);
        return await db.SaveChangesAsync();
    });

    /// <summary>Every cell of every message-log row as text: what someone holding the database reads.</summary>
    internal static async Task<List<string>> AllMessageLogCellsAsync(HubDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM message_log";
        await using var reader = await command.ExecuteReaderAsync();
        var cells = new List<string>();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                cells.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }

        return cells;
    }
}
