using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Business;

/// <summary>
/// How the registry's answer is read (<c>Adapters:business:AnswerProfile</c>). Both profiles read the same
/// <c>Data.MainInformation</c> / <c>HOAdress</c> / <c>Representatives</c> wrapper; they differ in what decides found,
/// not found and refused.
/// </summary>
public enum BusinessAnswerProfile
{
    /// <summary>
    /// As OpenCPS reads <c>chiTietDoanhNghiep</c> (the default): <c>ResultCode</c> optional and honoured when present;
    /// without it, an answer whose <c>Data.MainInformation</c> is absent is "not found".
    /// </summary>
    NgspData = 0,

    /// <summary>The hub's earlier reading: <c>ResultCode</c> required (<c>00</c> found, <c>01</c> refused, <c>02</c> not found).</summary>
    ResultCode = 1,
}

/// <summary>The business adapter's own settings beside its <see cref="UpstreamOptions"/>, changeable by operators.</summary>
public sealed record BusinessRegistryOptions
{
    public BusinessAnswerProfile AnswerProfile { get; init; } = BusinessAnswerProfile.NgspData;
}

/// <summary>Every problem of <see cref="BusinessRegistryOptions"/>, named by key; run on start and on each change.</summary>
internal sealed class BusinessRegistryOptionsValidator : IValidateOptions<BusinessRegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, BusinessRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != SourceNames.Business)
        {
            return ValidateOptionsResult.Skip;
        }

        return SettingsValidationResult.From(UpstreamOptions.SectionFor(SourceNames.Business), Enum.IsDefined(options.AnswerProfile)
            ? []
            : [new SettingFailure("AnswerProfile", SettingReasons.OneOf, Enum.GetNames<BusinessAnswerProfile>())]);
    }
}
