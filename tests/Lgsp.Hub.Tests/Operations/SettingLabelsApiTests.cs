using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Core.Lookups;
using Lgsp.Hub.Tests.Gateway;

namespace Lgsp.Hub.Tests.Operations;

/// <summary>
/// The operators' language at the control API: every source has a Vietnamese name, every setting a label, and a refused
/// change is a sentence about the labelled field rendered from the validators' structured failures (reason id +
/// arguments), never an internal key such as <c>AttemptTimeout</c>.
/// </summary>
public sealed class SettingLabelsApiTests(OperationsFixture hub) : IClassFixture<OperationsFixture>
{
    [Fact]
    public async Task List_Adapters_CarryVietnameseAndEnglishNames()
    {
        using var response = await hub.AdminAsync(HttpMethod.Get, "/admin/v1/adapters");
        var adapters = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();

        Assert.NotEmpty(adapters);
        Assert.All(adapters, a =>
        {
            var source = a.GetProperty("source").GetString();
            var name = a.GetProperty("name");
            Assert.NotEqual(source, name.GetProperty("vi").GetString());
            Assert.NotEqual(source, name.GetProperty("en").GetString());
        });
        var business = adapters.Single(a => a.GetProperty("source").GetString() == SourceNames.Business);
        Assert.Equal("CSDL quốc gia về đăng ký doanh nghiệp", business.GetProperty("name").GetProperty("vi").GetString());
    }

    [Fact]
    public async Task Get_EveryAdapterAndAccessRights_LabelsEverySetting()
    {
        using var list = await hub.AdminAsync(HttpMethod.Get, "/admin/v1/adapters");
        var sources = (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(a => a.GetProperty("source").GetString()!).ToList();
        foreach (var source in sources)
        {
            var (adapter, _) = await hub.AdapterAsync(source);
            var labels = adapter.GetProperty("labels").EnumerateObject().ToList();
            Assert.Contains(labels, l => l.Name == "attemptTimeout");
            Assert.All(labels, l =>
            {
                // A setting without an entry in the table would be labelled by its own path.
                Assert.NotEqual(l.Name, l.Value.GetProperty("vi").GetString());
                Assert.False(string.IsNullOrWhiteSpace(l.Value.GetProperty("en").GetString()), $"{source}: {l.Name}");
            });
        }

        var (business, _) = await hub.AdapterAsync(SourceNames.Business);
        Assert.Equal("Thời gian chờ mỗi lần gọi", business.GetProperty("labels").GetProperty("attemptTimeout").GetProperty("vi").GetString());
        Assert.Equal("CSDL quốc gia về đăng ký doanh nghiệp", business.GetProperty("name").GetProperty("vi").GetString());

        using var rights = await hub.AdminAsync(HttpMethod.Get, $"/admin/v1/clients/{GatewayFixture.Portal}/access-rights");
        var rightsLabels = (await rights.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("labels");
        Assert.Equal("Mục đích (mã thủ tục)", rightsLabels.GetProperty("services.*.purposes.*").GetProperty("vi").GetString());
        Assert.All(rightsLabels.EnumerateObject(), l => Assert.NotEqual(l.Name, l.Value.GetProperty("vi").GetString()));
    }

    [Fact]
    public async Task Change_InvalidTimeouts_ErrorsNameTheLabelsInBothLanguages()
    {
        var (before, etag) = await hub.AdapterAsync(SourceNames.Population);

        using var response = await hub.AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/population", new
        {
            reason = "Thử thời gian chờ sai",
            changes = new { attemptTimeout = "00:00:40", totalTimeout = "00:00:30", retry = new { baseDelay = "00:00:02", maxDelay = "00:00:01" } },
        }, etag);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => (Field: e.GetProperty("field").GetString(), Reason: e.GetProperty("reason").GetString(), Vi: e.GetProperty("messageVi").GetString(), En: e.GetProperty("messageEn").GetString()))
            .ToList();
        Assert.Contains(("attemptTimeout", "setting.invalid", "Thời gian chờ mỗi lần gọi không được dài hơn Thời gian chờ tổng.", "Attempt timeout must not exceed Total timeout."), errors);
        Assert.Contains(("retry.maxDelay", "setting.invalid", "Độ trễ thử lại tối đa phải từ Độ trễ thử lại ban đầu trở lên và không quá 1 ngày.",
            "Longest retry delay must be at least Base retry delay and at most 1 day."), errors);
        Assert.All(errors, e => Assert.DoesNotContain("Timeout", e.Vi, StringComparison.Ordinal));
        var (after, etagAfter) = await hub.AdapterAsync(SourceNames.Population);
        Assert.Equal((etag, before.GetProperty("settings").GetRawText()), (etagAfter, after.GetProperty("settings").GetRawText()));
    }

    [Fact]
    public async Task Change_UnknownKeyAndWrongType_AreSentencesToo()
    {
        var (_, etag) = await hub.AdapterAsync(SourceNames.Land);

        using var response = await hub.AdminAsync(HttpMethod.Patch, "/admin/v1/adapters/land", new
        {
            reason = "Thử thiết lập sai",
            changes = new { colour = "blue", concurrency = new { permitLimit = "nhiều" } },
        }, etag);

        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .ToDictionary(e => e.GetProperty("field").GetString()!, e => (Reason: e.GetProperty("reason").GetString(), Vi: e.GetProperty("messageVi").GetString()));
        Assert.Equal(("setting.unknown", "'land' không có thiết lập 'colour'."), errors["colour"]);
        Assert.Equal(("setting.type", "Số lời gọi đồng thời tối đa phải là một số nguyên."), errors["concurrency.permitLimit"]);
    }

    [Fact]
    public async Task Change_BadPurpose_NamesTheSourceAndTheListNotTheKey()
    {
        using var read = await hub.AdminAsync(HttpMethod.Get, $"/admin/v1/clients/{GatewayFixture.RecordsOffice}/access-rights");
        var etag = read.Headers.ETag!.ToString();

        using var response = await hub.AdminAsync(HttpMethod.Patch, $"/admin/v1/clients/{GatewayFixture.RecordsOffice}/access-rights", new
        {
            reason = "Thử mã thủ tục sai",
            changes = new { services = new { land = new { purposes = new[] { "abc" } } } },
        }, etag);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Single(e => e.GetProperty("field").GetString()!.StartsWith("services.land.purposes", StringComparison.Ordinal));
        Assert.Equal("setting.invalid", error.GetProperty("reason").GetString());
        Assert.StartsWith("CSDL quốc gia về đất đai – Mục đích (mã thủ tục): 'abc' không phải là mã thủ tục hành chính.", error.GetProperty("messageVi").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Services", error.GetProperty("messageVi").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("procedure_code.", error.GetProperty("messageEn").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_Change_CarriesTheSettingsLabel()
    {
        var changed = await hub.ChangeAsync(SourceNames.Business, new { attemptTimeout = "00:00:06" }, "Thử nhãn trong lịch sử");
        var version = changed.GetProperty("version").GetInt32();

        using var response = await hub.AdminAsync(HttpMethod.Get, "/admin/v1/adapters/business/history");
        var item = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().First(i => i.GetProperty("version").GetInt32() == version);
        var change = item.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("path").GetString() == "attemptTimeout");
        Assert.Equal("Thời gian chờ mỗi lần gọi", change.GetProperty("label").GetProperty("vi").GetString());
        Assert.Equal("Attempt timeout", change.GetProperty("label").GetProperty("en").GetString());
    }
}
