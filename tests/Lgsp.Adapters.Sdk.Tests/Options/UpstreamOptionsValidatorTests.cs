using Lgsp.Adapters.Sdk.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Sdk.Tests.Options;

public sealed class UpstreamOptionsValidatorTests
{
    [Fact]
    public void Bind_MinimalSection_ValidWithDefaults()
    {
        var options = Bind(new() { ["Adapters:business:BaseUrl"] = "http://127.0.0.1:8090" });

        Assert.True(options.Enabled);
        Assert.Equal(new Uri("http://127.0.0.1:8090/"), options.BaseUri);
        Assert.Equal(TimeSpan.FromSeconds(10), options.AttemptTimeout);
        Assert.Equal(2, options.Retry.MaxRetryAttempts);
        Assert.Null(options.RateLimit);
    }

    [Fact]
    public void Bind_EverySetting_IsRead()
    {
        var options = Bind(new()
        {
            ["Adapters:business:BaseUrl"] = "https://api.ngsp.gov.vn/gw",
            ["Adapters:business:Enabled"] = "false",
            ["Adapters:business:AttemptTimeout"] = "00:00:03",
            ["Adapters:business:TotalTimeout"] = "00:00:19",
            ["Adapters:business:Retry:MaxRetryAttempts"] = "4",
            ["Adapters:business:Retry:BackoffType"] = "Linear",
            ["Adapters:business:CircuitBreaker:FailureRatio"] = "0.25",
            ["Adapters:business:Concurrency:PermitLimit"] = "5",
            ["Adapters:business:RateLimit:PermitLimit"] = "20",
            ["Adapters:business:CredentialsSecret"] = "LGSP_BUSINESS_CREDENTIALS",
        });

        Assert.False(options.Enabled);
        Assert.Equal(new Uri("https://api.ngsp.gov.vn/gw/"), options.BaseUri);
        Assert.Equal(TimeSpan.FromSeconds(19), options.TotalTimeout);
        Assert.Equal(4, options.Retry.MaxRetryAttempts);
        Assert.Equal(Polly.DelayBackoffType.Linear, options.Retry.BackoffType);
        Assert.Equal(0.25, options.CircuitBreaker.FailureRatio);
        Assert.Equal(5, options.Concurrency.PermitLimit);
        Assert.Equal(20, options.RateLimit!.PermitLimit);
        Assert.Equal("LGSP_BUSINESS_CREDENTIALS", options.CredentialsSecret);
    }

    [Fact]
    public void Validate_ManyMistakes_ListsEveryOneByKey()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Adapters:business:BaseUrl"] = "apiCSDLDKDN/1.0",
            ["Adapters:business:AttemptTimeout"] = "-00:00:01",
            ["Adapters:business:TotalTimeout"] = "00:00:00.001",
            ["Adapters:business:Retry:MaxRetryAttempts"] = "99",
            ["Adapters:business:Retry:BaseDelay"] = "00:00:02",
            ["Adapters:business:Retry:MaxDelay"] = "00:00:01",
            ["Adapters:business:CircuitBreaker:FailureRatio"] = "0",
            ["Adapters:business:CircuitBreaker:MinimumThroughput"] = "1",
            ["Adapters:business:CircuitBreaker:BreakDuration"] = "00:00:00.100",
            ["Adapters:business:Concurrency:PermitLimit"] = "0",
            ["Adapters:business:RateLimit:Window"] = "00:00:00",
            ["Adapters:business:CredentialsSecret"] = "{\"key\":\"abc\"}",
        }));

        string[] keys =
        [
            "Adapters:business:BaseUrl", "Adapters:business:AttemptTimeout", "Adapters:business:TotalTimeout",
            "Adapters:business:Retry:MaxRetryAttempts", "Adapters:business:Retry:MaxDelay", "Adapters:business:Retry:MaxRetryAfter",
            "Adapters:business:CircuitBreaker:FailureRatio", "Adapters:business:CircuitBreaker:MinimumThroughput",
            "Adapters:business:CircuitBreaker:BreakDuration", "Adapters:business:Concurrency:PermitLimit",
            "Adapters:business:RateLimit:Window", "Adapters:business:CredentialsSecret",
        ];
        Assert.All(keys, key => Assert.Contains(error.Failures, f => f.StartsWith(key + " ", StringComparison.Ordinal)));
        Assert.DoesNotContain(error.Failures, f => f.Contains("abc", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://example.org/")]
    [InlineData("http://example.org/?x=1")]
    [InlineData("")]
    public void Validate_BaseUrlNotAPlainHttpUrl_IsRefused(string url)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Adapters:business:BaseUrl"] = url }));

        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:business:BaseUrl ", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateOnStart_InvalidSource_FailsTheStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Adapters:business:BaseUrl"] = "not a url",
        }).Build();
        var services = new ServiceCollection();
        services.AddUpstreamOptions("business", configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(error.Failures, f => f.StartsWith("Adapters:business:BaseUrl", StringComparison.Ordinal));
    }

    private static UpstreamOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddUpstreamOptions("business", configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<UpstreamOptions>>().Get("business");
    }
}
