using Lgsp.Adapters.Contract;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lgsp.Adapters.Insurance.Tests;

/// <summary>Credentials from the named secret; refusals reported as such; the secret never in a log line or an error.</summary>
public sealed class InsuranceCredentialsTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Leaky = "LEAKY-SECRET-VALUE-7f3a";

    public Task InitializeAsync() => sandbox.ResetFaultAsync(SourceNames.Insurance);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Lookup_WrongSecretKey_IsUnauthorizedAndNeverShowsTheSecret()
    {
        var logs = new CapturedLogs();
        using var adapter = Adapter(logs, SandboxPartner.Json(secretKey: Leaky));
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);

        var fault = await Assert.ThrowsAsync<LgspException>(() =>
            adapter.GetRequiredService<ISocialInsuranceSource>().GetParticipantAsync(code, SandboxPartner.Context(), CancellationToken.None));

        Assert.Equal("upstream.insurance.unauthorized", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
        Assert.Equal(1, (await sandbox.CallsAsync(SourceNames.Insurance))["/apiBHXH/1.0/traCuuThongTinBHXH"]); // a 401 is not retried
        Assert.DoesNotContain(Leaky, fault.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Leaky, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lookup_PartnerCodeNotGranted_IsUnauthorized()
    {
        using var adapter = Adapter(new CapturedLogs(), SandboxPartner.Json(partnerCode: "OTHERPARTNER"));
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);

        var fault = await Assert.ThrowsAsync<LgspException>(() =>
            adapter.GetRequiredService<ISocialInsuranceSource>().GetParticipantAsync(code, SandboxPartner.Context(), CancellationToken.None));

        Assert.Equal("upstream.insurance.unauthorized", fault.Error.Code); // the stand-in's 403
    }

    [Fact]
    public async Task Lookup_GoodCredentials_LogNoSecretEvenAtTrace()
    {
        var logs = new CapturedLogs();
        using var adapter = Adapter(logs, SandboxPartner.Json());
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);

        await adapter.GetRequiredService<ISocialInsuranceSource>().GetParticipantAsync(code, SandboxPartner.Context(), CancellationToken.None);

        Assert.NotEmpty(logs.Lines); // HttpClient's own trace, at least
        Assert.DoesNotContain(logs.Lines, l => l.Contains(SandboxPartner.SecretKey, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{\"appName\":\"a\",\"accessKey\":\"k\",\"secretKey\":\"" + Leaky + "\"")]
    [InlineData("{\"appName\":\"a\",\"accessKey\":\"k\",\"secretKey\":\"" + Leaky + "\"}")]
    [InlineData("{\"appName\":\"a\",\"accessKey\":\"k\",\"secretKey\":\"" + Leaky + "\",\"partnerCode\":7}")]
    public async Task Lookup_CredentialsMissingOrUnreadable_IsTheHubsFaultAndNeverShowsTheValue(string? json)
    {
        var logs = new CapturedLogs();
        using var adapter = Adapter(logs, json ?? "", missing: json is null);
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);

        var fault = await Assert.ThrowsAsync<LgspException>(() =>
            adapter.GetRequiredService<ISocialInsuranceSource>().GetParticipantAsync(code, SandboxPartner.Context(), CancellationToken.None));

        Assert.Equal("hub.internal", fault.Error.Code);
        Assert.Contains(SandboxPartner.SecretName, fault.Detail?.En, StringComparison.Ordinal);
        Assert.DoesNotContain(Leaky, fault.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Leaky, StringComparison.Ordinal));
        Assert.Equal(0, (await sandbox.CallsAsync(SourceNames.Insurance)).GetValueOrDefault("/apiBHXH/1.0/traCuuThongTinBHXH")); // nothing unsigned went out
    }

    private ServiceProvider Adapter(CapturedLogs logs, string json, bool missing = false) => SandboxPartner.Adapter(
        sandbox,
        new() { [SandboxPartner.SecretName] = missing ? null : json },
        services => services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(logs)));

    /// <summary>Every log line at every level, with its exception, as text.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{formatter(state, exception)} {structured} {exception}");
            }
        }
    }
}
