using Lgsp.Hub.Identity;
using Lgsp.Hub.Storage;
using Lgsp.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Tests.Identity;

public sealed class HubIdentityOptionsValidatorTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void Validate_TheRepositorysConfiguration_PassesWithAnIssuer(string environment)
    {
        var options = Bind(environment);
        options.Issuer = new Uri("https://sso.tinh.gov.vn/");

        var result = Validator(environment, StorageProvider.Postgres).Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(4, options.Clients.Count);
        Assert.Equal(8, options.Scopes.Count);
    }

    [Fact]
    public void Validate_ProductionWithoutIssuerOrWithInsecureHttp_FailsNamingBoth()
    {
        var options = Bind("Production");
        options.AllowInsecureHttp = true;

        var result = Validator("Production", StorageProvider.Postgres).Validate(null, options);

        Assert.Contains("Identity:Issuer is not set", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Identity:AllowInsecureHttp is for development only", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadClients_ReportsEveryProblem()
    {
        var options = new HubIdentityOptions();
        options.Scopes["lgsp.population.read"] = new ScopeSettings { DisplayName = "Dân cư" };
        var publicWithSecret = new ClientSettings { DisplayName = "x", Type = ClientKind.Public, SecretEnvironmentVariable = "X_SECRET" };
        publicWithSecret.GrantTypes.Add("client_credentials");
        options.Clients["public-one"] = publicWithSecret;
        var confidential = new ClientSettings { DisplayName = "y", SecretEnvironmentVariable = "s3cr3t value!" };
        confidential.GrantTypes.Add("authorization_code");
        confidential.GrantTypes.Add("password");
        confidential.RedirectUris.Add(new Uri("http://portal.example/cb"));
        confidential.Scopes.Add("lgsp.secret.read");
        options.Clients["Bad_Id"] = confidential;

        var result = Validator("Production", StorageProvider.Sqlite).Validate(null, options);
        var message = result.FailureMessage;

        Assert.Contains("Identity:Clients:public-one is a public client: it has no secret", message, StringComparison.Ordinal);
        Assert.Contains("Identity:Clients:public-one is a public client and cannot use client_credentials", message, StringComparison.Ordinal);
        Assert.Contains("Identity:Clients:Bad_Id: a client id is", message, StringComparison.Ordinal);
        Assert.Contains("SecretEnvironmentVariable must name the environment variable", message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t value!", message, StringComparison.Ordinal);
        Assert.Contains("GrantTypes has 'password'", message, StringComparison.Ordinal);
        Assert.Contains("RedirectUris:0 must be https", message, StringComparison.Ordinal);
        Assert.Contains("Scopes has 'lgsp.secret.read'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", 2)]
    [InlineData("Development", 1)]
    public void Bind_TheRepositorysConfiguration_AdminNeedsLevelTwoOutsideDevelopment(string environment, int expected)
    {
        Assert.Equal(expected, Bind(environment).MinimumAdminLevel);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Validate_MinimumAdminLevelOutsideTheReachableLevels_Refused(int level)
    {
        var options = new HubIdentityOptions { MinimumAdminLevel = level };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(HubIdentityOptions.MinimumAdminLevel)));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void Validate_MinimumLinkLevel_OnlyTheNationalProvidersLevels(int level, bool accepted)
    {
        var options = new Lgsp.Hub.Identity.Federation.NationalPortalOptions
        {
            Issuer = new Uri("https://xacthuc.dichvucong.gov.vn/"), ClientId = "lgsp-hub", MinimumLinkLevel = level,
        };
        var validator = new Lgsp.Hub.Identity.Federation.NationalPortalOptionsValidator(new Environment("Development"),
            Options.Create(new StorageOptions { Provider = StorageProvider.Sqlite }), Options.Create(new HubIdentityOptions()));

        var result = validator.Validate(null, options);

        Assert.Equal(accepted, result.Succeeded);
        Assert.Equal(accepted, result.FailureMessage?.Contains("MinimumLinkLevel", StringComparison.Ordinal) != true);
    }

    [Fact]
    public void Validate_ThrottlesOutOfRangeOrCeilingBelowThePair_ReportsEach()
    {
        var options = Bind("Development");
        options.ClientAuthThrottle.MaxFailuresPerAddress = 1;
        options.ClientAuthThrottle.Window = TimeSpan.Zero;
        options.MaxFailedSignInsPerAccount = options.MaxFailedSignIns;
        options.AccountLockoutDuration = options.LockoutDuration + TimeSpan.FromMinutes(1);

        var message = Validator("Development", StorageProvider.Sqlite).Validate(null, options).FailureMessage;

        Assert.Contains("Identity:ClientAuthThrottle:MaxFailuresPerAddress", message, StringComparison.Ordinal);
        Assert.Contains("Identity:ClientAuthThrottle:Window", message, StringComparison.Ordinal);
        Assert.Contains("Identity:MaxFailedSignInsPerAccount must be higher than Identity:MaxFailedSignIns", message, StringComparison.Ordinal);
        Assert.Contains("Identity:AccountLockoutDuration must not be longer than Identity:LockoutDuration", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", 1, false)]
    [InlineData("Staging", 1, false)]
    [InlineData("Production", 2, true)]
    [InlineData("Development", 1, true)]
    public void AdminLevel_BelowTwoOutsideDevelopment_RefusedAsAStructuredFailure(string environment, int level, bool accepted)
    {
        var result = new AdminLevelValidator(new Environment(environment)).Validate(null, new HubIdentityOptions { MinimumAdminLevel = level });

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            var structured = Assert.IsType<Lgsp.Adapters.Sdk.Options.SettingsValidationResult>(result);
            var failure = Assert.Single(structured.SettingFailures);
            Assert.Equal(("Identity", "MinimumAdminLevel", "identity.admin_level"), (structured.Section, failure.Key, failure.Reason));
            Assert.Contains("phải từ 2 trở lên ngoài môi trường Development", failure.Text("vi"), StringComparison.Ordinal);
            Assert.Contains("must be at least 2 outside the Development environment", failure.Text("en"), StringComparison.Ordinal);
        }
    }

    private static HubIdentityOptions Bind(string environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(RepoPaths.Combine("config", "identity.json"))
            .AddJsonFile(RepoPaths.Combine("config", $"identity.{environment}.json"), optional: true)
            .Build();
        var options = new HubIdentityOptions();
        configuration.GetSection(HubIdentityOptions.SectionName).Bind(options);
        return options;
    }

    private static HubIdentityOptionsValidator Validator(string environment, StorageProvider provider) =>
        new(new Environment(environment), Options.Create(new StorageOptions { Provider = provider }));

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Lgsp.Hub";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
