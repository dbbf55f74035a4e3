using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.Insurance.Tests;

/// <summary>
/// The social-insurance adapter passes the shared contract against the sandbox's BHXH stand-in. BHXH signs nothing it
/// answers (the connection authenticates the hub's requests, not the answers), so this is the unsigned contract;
/// the credential profiles are tested in <see cref="CredentialProfileTests"/>.
/// </summary>
public sealed class SocialInsuranceContractTests(SandboxFixture sandbox) : AdapterContractTests(sandbox)
{
    protected override string Source => SourceNames.Insurance;

    protected override string Operation => "traCuuThongTinBHXH";

    protected override void AddAdapter(IServiceCollection services, IConfiguration configuration) => services.AddSocialInsuranceAdapter(configuration);

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        SandboxPartner.AddTo(settings);
        return settings;
    }

    protected override async Task<PacketBody> LookupExistingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken)
    {
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(Sandbox);
        return await services.GetRequiredService<ISocialInsuranceSource>().GetParticipantAsync(code, context, cancellationToken);
    }

    /// <summary>BHXH codes start with the issuing province's two digits; 00 is no province.</summary>
    protected override async Task<PacketBody> LookupMissingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken) =>
        await services.GetRequiredService<ISocialInsuranceSource>().GetParticipantAsync(SocialInsuranceCode.Parse("0012345678"), context, cancellationToken);

    protected override async Task AssertCanonicalAsync(PacketBody body)
    {
        var (code, personalId, fullName, periods) = await SandboxPartner.ParticipantAsync(Sandbox);
        var record = Assert.IsType<SocialInsuranceRecord>(body);
        Assert.Equal(code, record.Code);
        Assert.Equal(fullName, record.FullName);
        Assert.Equal(personalId, record.PersonalId?.Value);
        var id = record.PersonalId!.Value;
        Assert.Equal(id.Gender == Gender.Male ? Genders.Male : Genders.Female, record.Gender);
        Assert.Equal(id.BirthYear, record.DateOfBirth?.Year);
        Assert.Matches("^[0-9]{2}$", record.ProvinceCode);
        Assert.Equal(periods, record.Periods!.Count);
        Assert.All(record.Periods, p => Assert.Matches("^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$", p.From));
        Assert.All(record.Periods.SkipLast(1), p => Assert.NotNull(p.To));
        Assert.Null(record.Periods[^1].To); // contributing now
        Assert.All(record.Periods, p => Assert.True(p.Salary > 0));
        Assert.All(record.Periods, p => Assert.False(string.IsNullOrWhiteSpace(p.EmployerCode)));
        // In order and never overlapping.
        Assert.All(record.Periods.Zip(record.Periods.Skip(1)), pair => Assert.True(string.CompareOrdinal(pair.First.To, pair.Second.From) < 0));
    }
}
