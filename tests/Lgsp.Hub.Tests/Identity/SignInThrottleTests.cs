using System.Net;
using Lgsp.Hub.Tests.Gateway;
using Lgsp.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>
/// Wrong passwords at the sign-in page lock a (user name, address) pair, not the account: guessing an operator's
/// password from one address does not lock the operator out from another. A ceiling per user name over all addresses
/// stops guessing spread over many, briefly and in the log.
/// </summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private const int PerPair = 3;
    private const int Ceiling = 10;
    private static readonly TimeSpan CeilingLockout = TimeSpan.FromMinutes(1);
    private static readonly Uri Login = new("/account/login", UriKind.Relative);

    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private readonly LogCapture _logs = new();
    private IdentityHub _hub = null!;

    public Task InitializeAsync()
    {
        _hub = IdentityHub.StartOnSqlite(
            new Dictionary<string, string?>
            {
                ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
                ["Identity:MaxFailedSignIns"] = PerPair.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Identity:MaxFailedSignInsPerAccount"] = Ceiling.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Identity:LockoutDuration"] = "00:15:00",
                ["Identity:AccountLockoutDuration"] = "00:01:00",
            },
            services: s =>
            {
                s.AddSingleton<TimeProvider>(_time);
                s.AddSingleton<ILoggerProvider>(_logs);
            });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task WrongPasswords_FromOneAddress_LockThatAddressOnly_NotTheOperatorElsewhere()
    {
        var operatorName = await _hub.CreateOfficialAsync("lgsp-operator");
        using var attacker = From("203.0.113.10");
        for (var i = 0; i < PerPair; i++)
        {
            using var wrong = await Oidc.PostLoginAsync(attacker, Login, operatorName, "đoán mật khẩu lần " + i);
            Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var attackerRight = await Oidc.PostLoginAsync(attacker, Login, operatorName, IdentityHub.Password);
        using var theOperator = From("198.51.100.7");
        using var operatorSignIn = await Oidc.PostLoginAsync(theOperator, Login, operatorName, IdentityHub.Password);

        Assert.Equal(HttpStatusCode.OK, attackerRight.StatusCode);
        Assert.Contains("tạm thời bị khóa", await attackerRight.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, operatorSignIn.StatusCode);
    }

    [Fact]
    public async Task WrongPasswords_FromManyAddresses_ReachTheCeiling_ShortLockLogged()
    {
        var operatorName = await _hub.CreateOfficialAsync("lgsp-operator");
        for (var i = 0; i < Ceiling; i++)
        {
            using var guesser = From($"203.0.113.{20 + i}");
            using var wrong = await Oidc.PostLoginAsync(guesser, Login, operatorName, "đoán mật khẩu lần " + i);
            Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var theOperator = From("198.51.100.8");
        using var duringCeiling = await Oidc.PostLoginAsync(theOperator, Login, operatorName, IdentityHub.Password);
        Assert.Equal(HttpStatusCode.OK, duringCeiling.StatusCode);
        Assert.Contains("tạm thời bị khóa", await duringCeiling.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(_logs.Lines, l => l.Contains("refused from every address", StringComparison.Ordinal) && l.Contains("Seconds=60", StringComparison.Ordinal));

        _time.Advance(CeilingLockout);
        using var afterCeiling = await Oidc.PostLoginAsync(theOperator, Login, operatorName, IdentityHub.Password);
        Assert.Equal(HttpStatusCode.Found, afterCeiling.StatusCode);
    }

    [Fact]
    public async Task WrongPasswords_ForManyUserNames_FromOneAddress_LockThatAddress()
    {
        var official = await _hub.CreateOfficialAsync();
        using var sprayer = From("203.0.113.50");
        for (var i = 0; i < Ceiling; i++)
        {
            using var wrong = await Oidc.PostLoginAsync(sprayer, Login, $"khong.ton.tai.{i}", "mật khẩu phổ biến 2026");
        }

        using var fromSprayer = await Oidc.PostLoginAsync(sprayer, Login, official, IdentityHub.Password);
        using var elsewhere = From("198.51.100.10");
        using var fromElsewhere = await Oidc.PostLoginAsync(elsewhere, Login, official, IdentityHub.Password);

        Assert.Contains("tạm thời bị khóa", await fromSprayer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, fromElsewhere.StatusCode);
        Assert.Contains(_logs.Lines, l => l.Contains("whatever the user names", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Success_ForgetsThePairsFailures()
    {
        var official = await _hub.CreateOfficialAsync();
        using var browser = From("198.51.100.9");
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < PerPair - 1; i++)
            {
                using var wrong = await Oidc.PostLoginAsync(browser, Login, official, "gõ nhầm mật khẩu " + i);
            }

            // A fresh browser from the same address: the first one keeps its session once signed in.
            using var fresh = From("198.51.100.9");
            using var right = await Oidc.PostLoginAsync(fresh, Login, official, IdentityHub.Password);
            Assert.Equal(HttpStatusCode.Found, right.StatusCode);
        }
    }

    private HttpClient From(string address)
    {
        var browser = HubFactory.CreateBrowser(_hub.Address);
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return browser;
    }
}
