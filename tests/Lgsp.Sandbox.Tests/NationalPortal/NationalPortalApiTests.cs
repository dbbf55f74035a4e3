using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lgsp.Sandbox.NationalPortal;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Sandbox.Tests.NationalPortal;

/// <summary>The DVCQG stand-in: token, lookup, create, "đã tồn tại", update, progress rows (≤10), validation, and what it shows tests.</summary>
public sealed class NationalPortalApiTests : IDisposable
{
    private readonly SandboxHost _host = new(new Dictionary<string, string?> { ["Sandbox:NationalPortal:SeedDossiers"] = "3" });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Lookup_SeededDossier_AnswersItWithItsProgressRows()
    {
        using var http = _host.CreateClient();
        var seeded = await http.GetFromJsonAsync<JsonArray>("/_sandbox/dvcqg/dossiers");
        var code = seeded![0]!["maHoSo"]!.GetValue<string>();

        var (status, body) = await new DvcqgClient(http).CallAsync(NationalPortalApi.Lookup, new JsonObject { ["MaHoSo"] = code });

        Assert.Equal(200, status);
        Assert.Equal("0", body["error_code"]!.GetValue<string>());
        Assert.Equal(code, body["data"]!["MaHoSo"]!.GetValue<string>());
        Assert.Equal(2, body["data"]!["QuaTrinhXuLy"]!.AsArray().Count);
        Assert.Equal(3, seeded.Count);
    }

    [Fact]
    public async Task Lookup_UnknownDossier_IsNotFoundCode()
    {
        using var http = _host.CreateClient();

        var code = await new DvcqgClient(http).ErrorCodeAsync(NationalPortalApi.Lookup, new JsonObject { ["MaHoSo"] = "H56.14-251124-0999" });

        Assert.Equal(DvcqgCodes.NotFound, code);
    }

    [Fact]
    public async Task Create_NewDossier_IsStoredAndRecorded()
    {
        using var http = _host.CreateClient();
        var dvcqg = new DvcqgClient(http);

        var (_, body) = await dvcqg.CallAsync(NationalPortalApi.Create, new JsonArray(DvcqgClient.HoSo()));

        Assert.Equal("0", body["error_code"]!.GetValue<string>());
        Assert.Contains("thành công", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var received = await dvcqg.ReceivedAsync("H56.14-251124-0101");
        Assert.True(received["exists"]!.GetValue<bool>());
        Assert.Equal("ThemMoi", received["calls"]![0]!["op"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_ExistingDossier_IsRefusedAsAlreadyExisting()
    {
        using var http = _host.CreateClient();
        var dvcqg = new DvcqgClient(http);
        await dvcqg.CallAsync(NationalPortalApi.Create, new JsonArray(DvcqgClient.HoSo()));

        var (_, body) = await dvcqg.CallAsync(NationalPortalApi.Create, new JsonArray(DvcqgClient.HoSo(status: "5")));

        Assert.Contains(body["error_code"]!.GetValue<string>(), new[] { "3", "-3" });
        Assert.Contains("đã tồn tại", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var received = await dvcqg.ReceivedAsync("H56.14-251124-0101");
        Assert.Equal("4", received["trangThaiHoSo"]!.GetValue<string>()); // the refused create changed nothing
    }

    [Fact]
    public async Task Update_SameContentTwice_SecondIsFlaggedUnchanged()
    {
        using var http = _host.CreateClient();
        var dvcqg = new DvcqgClient(http);
        await dvcqg.CallAsync(NationalPortalApi.Create, new JsonArray(DvcqgClient.HoSo()));

        Assert.Equal("0", await dvcqg.ErrorCodeAsync(NationalPortalApi.Update, new JsonArray(DvcqgClient.HoSo(status: "5"))));
        Assert.Equal("0", await dvcqg.ErrorCodeAsync(NationalPortalApi.Update, new JsonArray(DvcqgClient.HoSo(status: "5"))));

        var received = await dvcqg.ReceivedAsync("H56.14-251124-0101");
        Assert.Equal("5", received["trangThaiHoSo"]!.GetValue<string>());
        Assert.Equal(1, received["unchangedUpdates"]!.GetValue<int>());
    }

    [Fact]
    public async Task Update_UnknownDossier_IsNotFoundCode()
    {
        using var http = _host.CreateClient();

        Assert.Equal(DvcqgCodes.NotFound, await new DvcqgClient(http).ErrorCodeAsync(NationalPortalApi.Update, new JsonArray(DvcqgClient.HoSo())));
    }

    [Fact]
    public async Task Progress_TenRows_AreStoredInOrder()
    {
        using var http = _host.CreateClient();
        var dvcqg = new DvcqgClient(http);
        await dvcqg.CallAsync(NationalPortalApi.Create, new JsonArray(DvcqgClient.HoSo()));

        var code = await dvcqg.ErrorCodeAsync(NationalPortalApi.Progress, new JsonArray([.. Enumerable.Range(1, 10).Select(n => (JsonNode)DvcqgClient.Row("H56.14-251124-0101", n))]));

        Assert.Equal("0", code);
        var rows = (await dvcqg.ReceivedAsync("H56.14-251124-0101"))["rows"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"Bước {n}"), rows.Select(r => r!["row"]!["NoiDungXuLy"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Progress_ElevenRows_AreRefusedAndNoneStored()
    {
        using var http = _host.CreateClient();
        var dvcqg = new DvcqgClient(http);
        await dvcqg.CallAsync(NationalPortalApi.Create, new JsonArray(DvcqgClient.HoSo()));

        var (_, body) = await dvcqg.CallAsync(NationalPortalApi.Progress, new JsonArray([.. Enumerable.Range(1, 11).Select(n => (JsonNode)DvcqgClient.Row("H56.14-251124-0101", n))]));

        Assert.Equal(DvcqgCodes.Invalid, body["error_code"]!.GetValue<string>());
        Assert.Contains("tối đa 10", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var lookup = await dvcqg.CallAsync(NationalPortalApi.Lookup, new JsonObject { ["MaHoSo"] = "H56.14-251124-0101" });
        Assert.Empty(lookup.Body["data"]!["QuaTrinhXuLy"]!.AsArray());
    }

    [Fact]
    public async Task Progress_SameRowTwice_IsStoredTwiceAndFlaggedDuplicate()
    {
        using var http = _host.CreateClient();
        var dvcqg = new DvcqgClient(http);
        await dvcqg.CallAsync(NationalPortalApi.Create, new JsonArray(DvcqgClient.HoSo()));

        await dvcqg.CallAsync(NationalPortalApi.Progress, new JsonArray(DvcqgClient.Row("H56.14-251124-0101", 1)));
        await dvcqg.CallAsync(NationalPortalApi.Progress, new JsonArray(DvcqgClient.Row("H56.14-251124-0101", 1)));

        var received = await dvcqg.ReceivedAsync("H56.14-251124-0101");
        Assert.Equal(1, received["duplicateRows"]!.GetValue<int>());
        var summary = await http.GetFromJsonAsync<JsonObject>("/_sandbox/dvcqg/received");
        Assert.Equal(1, summary!["duplicateRows"]!.GetValue<int>());
        Assert.Equal(2, summary["rows"]!.GetValue<int>());
    }

    [Fact]
    public async Task Progress_ForUnknownDossier_IsNotFoundCode()
    {
        using var http = _host.CreateClient();

        Assert.Equal(DvcqgCodes.NotFound, await new DvcqgClient(http).ErrorCodeAsync(NationalPortalApi.Progress, new JsonArray(DvcqgClient.Row("H56.14-251124-0777", 1))));
    }

    [Theory]
    [InlineData("NgayTiepNhan", "2025-11-24T08:00:00+07:00", "NgayTiepNhan: sai định dạng")]
    [InlineData("NgayHenTra", "20251131170000", "NgayHenTra: sai định dạng")]
    [InlineData("TrangThaiHoSo", "11", "TrangThaiHoSo: giá trị 11")]
    [InlineData("LoaiDoiTuong", "0", "LoaiDoiTuong: giá trị 0")]
    [InlineData("KenhThucHien", "4", "KenhThucHien: giá trị 4")]
    [InlineData("MaTTHC", "1.001193.000.00.14.H56", "MaTTHC: 1.001193.000.00.14.H56 không phải")]
    [InlineData("MaHoSo", "000.00.14.H49-251124-0101", "không chứa mã định danh của tỉnh (H56)")]
    public async Task Create_InvalidField_IsRefusedNamingTheField(string field, string value, string expected)
    {
        using var http = _host.CreateClient();
        var hoSo = DvcqgClient.HoSo();
        hoSo[field] = value;

        var (_, body) = await new DvcqgClient(http).CallAsync(NationalPortalApi.Create, new JsonArray(hoSo));

        Assert.Equal(DvcqgCodes.Invalid, body["error_code"]!.GetValue<string>());
        Assert.Contains(expected, body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NumberWhereDvcqgWantsAString_IsRefused()
    {
        using var http = _host.CreateClient();
        var hoSo = DvcqgClient.HoSo();
        hoSo["TrangThaiHoSo"] = 4;

        var (_, body) = await new DvcqgClient(http).CallAsync(NationalPortalApi.Create, new JsonArray(hoSo));

        Assert.Contains("TrangThaiHoSo: phải là chuỗi", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_ActorLongerThanFifty_IsRefused()
    {
        using var http = _host.CreateClient();
        var dvcqg = new DvcqgClient(http);
        await dvcqg.CallAsync(NationalPortalApi.Create, new JsonArray(DvcqgClient.HoSo()));
        var row = DvcqgClient.Row("H56.14-251124-0101", 1);
        row["NguoiXuLy"] = new string('A', 51);

        var (_, body) = await dvcqg.CallAsync(NationalPortalApi.Progress, new JsonArray(row));

        Assert.Contains("NguoiXuLy: tối đa 50", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WithoutToken_IsWso2InvalidCredentials()
    {
        using var http = _host.CreateClient();

        var (status, body) = await new DvcqgClient(http).CallAsync(NationalPortalApi.Lookup, new JsonObject { ["MaHoSo"] = "x" }, token: "not-a-token");

        Assert.Equal(401, status);
        Assert.Equal(900901, body["fault"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task LostAnswerFault_CreateIsStoredButTheCallerGetsNoAnswer()
    {
        using var http = _host.CreateClient();
        var dvcqg = new DvcqgClient(http);
        await dvcqg.TokenAsync();
        await SandboxHost.SetFaultAsync(http, NationalPortalApi.Source, new { mode = "lostanswer", count = 1 });

        await Assert.ThrowsAnyAsync<Exception>(() => dvcqg.CallAsync(NationalPortalApi.Create, new JsonArray(DvcqgClient.HoSo())));

        var received = await dvcqg.ReceivedAsync("H56.14-251124-0101");
        Assert.True(received["exists"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ResetReceived_ForgetsEverythingButTheSeed()
    {
        using var http = _host.CreateClient();
        var dvcqg = new DvcqgClient(http);
        await dvcqg.CallAsync(NationalPortalApi.Create, new JsonArray(DvcqgClient.HoSo()));

        using var reset = await http.DeleteAsync(new Uri("/_sandbox/dvcqg/received", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(DvcqgCodes.NotFound, await dvcqg.ErrorCodeAsync(NationalPortalApi.Lookup, new JsonObject { ["MaHoSo"] = "H56.14-251124-0101" }));
        var seeded = await http.GetFromJsonAsync<JsonArray>("/_sandbox/dvcqg/dossiers");
        Assert.Equal("0", await dvcqg.ErrorCodeAsync(NationalPortalApi.Lookup, new JsonObject { ["MaHoSo"] = seeded![0]!["maHoSo"]!.GetValue<string>() }));
    }

    [Fact]
    public async Task Submit_WithoutHub_IsConflict()
    {
        using var http = _host.CreateClient();

        using var response = await http.PostAsJsonAsync("/_sandbox/dvcqg/submit", new { count = 1 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public void Submitter_Next_BuildsCanonicalDossiersWithFreshCodes()
    {
        var submitter = _host.Services.GetRequiredService<DvcqgSubmitter>();
        var options = new NationalPortalStandInOptions();

        var dossiers = submitter.Next(2, options);

        Assert.Equal("H56.14-260101-5001", dossiers[0]["code"]!.GetValue<string>());
        Assert.Equal("H56.14-260101-5002", dossiers[1]["code"]!.GetValue<string>());
        Assert.Equal(1, dossiers[0]["status"]!.GetValue<int>());
        Assert.Equal("2026-01-01T09:00:00+07:00", dossiers[0]["submittedAt"]!.GetValue<string>());
    }
}
