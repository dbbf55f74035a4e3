using Refit;

namespace Lgsp.Adapters.Insurance.Wire;

/// <summary>The BHXH lookup behind the LGSP (<c>/{context}/{version}/{resource}</c>); the credential header is added by <see cref="Lgsp.Adapters.Sdk.Auth.LgspAccessTokenHandler"/>.</summary>
internal interface ISocialInsuranceApi
{
    [Get("/apiBHXH/1.0/traCuuThongTinBHXH")]
    Task<InsuranceAnswer> GetParticipantAsync([AliasAs("masobhxh")] string masobhxh, CancellationToken cancellationToken);
}
