using Refit;

namespace Lgsp.Adapters.Insurance.Wire;

/// <summary>The BHXH lookup behind the LGSP (<c>/{context}/{version}/{resource}</c>); every request is signed by <see cref="Signing.RequestSigningHandler"/>.</summary>
internal interface ISocialInsuranceApi
{
    [Get("/apiBHXH/1.0/traCuuThongTinBHXH")]
    Task<InsuranceAnswer> GetParticipantAsync([AliasAs("masobhxh")] string masobhxh, CancellationToken cancellationToken);
}
