using System.Net;
using System.Text.Json;
using Lgsp.Sandbox.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lgsp.Sandbox.Tests.Control;

/// <summary>The sandbox host in-process: health, the demo list and the world summary.</summary>
public sealed class ControlApiTests : IClassFixture<ControlApiTests.SmallSandbox>
{
    private readonly SmallSandbox _sandbox;

    public ControlApiTests(SmallSandbox sandbox) => _sandbox = sandbox;

    [Fact]
    public async Task Health_Started_AnswersHealthy()
    {
        using var client = _sandbox.CreateClient();
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Demo_Started_ListsRecordsThatExistInTheWorld()
    {
        var world = _sandbox.Services.GetRequiredService<SyntheticWorld>();
        using var client = _sandbox.CreateClient();
        using var response = await client.GetAsync(new Uri("/_sandbox/demo", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\n", text, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(text);
        var root = body.RootElement;
        Assert.Equal(SmallSandbox.Seed, root.GetProperty("seed").GetUInt64());

        var citizens = root.GetProperty("citizens").EnumerateArray().ToList();
        Assert.True(citizens.Count >= 3);
        foreach (var c in citizens)
        {
            var citizen = world.FindCitizen(c.GetProperty("personalId").GetString()!);
            Assert.NotNull(citizen);
            Assert.Equal(citizen.HoVaTen.DayDu, c.GetProperty("fullName").GetString());
            Assert.Equal(citizen.HoVaTen.KhongDau, c.GetProperty("fullNameUpper").GetString());
        }

        // Vietnamese letters are written as they are, not as \u escapes.
        Assert.Contains(citizens, c => text.Contains(c.GetProperty("fullName").GetString()!, StringComparison.Ordinal));

        Assert.All(root.GetProperty("enterprises").EnumerateArray(), e => Assert.NotNull(world.FindEnterprise(e.GetProperty("enterpriseCode").GetString()!)));
        Assert.All(root.GetProperty("parcels").EnumerateArray(), p =>
            Assert.NotNull(world.FindParcel(p.GetProperty("wardCode").GetString()!, p.GetProperty("mapSheet").GetInt32(), p.GetProperty("parcelNo").GetInt32())));
        Assert.All(root.GetProperty("socialInsurance").EnumerateArray(), p => Assert.NotNull(world.FindInsurance(p.GetProperty("bhxhCode").GetString()!)));
        Assert.Equal(3, root.GetProperty("civilRegistry").GetArrayLength());
    }

    [Fact]
    public async Task World_Started_ShowsSeedCountsAndFingerprint()
    {
        var world = _sandbox.Services.GetRequiredService<SyntheticWorld>();
        using var client = _sandbox.CreateClient();
        using var response = await client.GetAsync(new Uri("/_sandbox/world", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal(SmallSandbox.Seed, root.GetProperty("seed").GetUInt64());
        Assert.Equal(SmallSandbox.Citizens, root.GetProperty("requested").GetProperty("citizens").GetInt32());
        Assert.Equal(world.Citizens.Count, root.GetProperty("counts").GetProperty("citizens").GetInt32());
        Assert.Equal(world.Deaths.Count, root.GetProperty("counts").GetProperty("deathRecords").GetInt32());
        Assert.Equal(WorldFingerprint.Compute(world), root.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public void Options_InvalidSize_FailsTheStart()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Sandbox:Citizens", "0"));

        var error = Assert.Throws<OptionsValidationException>(() => factory.Server);
        Assert.Contains("Citizens", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A small world keeps the host tests quick; the seed comes from configuration like in production.</summary>
    public sealed class SmallSandbox : WebApplicationFactory<Program>
    {
        public const ulong Seed = 42;
        public const int Citizens = 800;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Sandbox:Seed", "42");
            builder.UseSetting("Sandbox:Citizens", "800");
            builder.UseSetting("Sandbox:Enterprises", "60");
            builder.UseSetting("Sandbox:Parcels", "200");
        }
    }
}
