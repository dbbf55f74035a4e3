using Lgsp.Adapters.Sdk.Options;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal;

/// <summary>
/// Where DVCQG shares its catalogues (<c>Adapters:dvcqg:CataloguePath</c>, relative to the base URL): OpenCPS keeps
/// it configurable (<c>share_endpoint</c>), so does the hub.
/// </summary>
public sealed record DvcqgCatalogueOptions
{
    public const string OptionsName = "dvcqg.catalogue";

    public string CataloguePath { get; init; } = "api/LayDanhMuc";
}

internal sealed class DvcqgCatalogueOptionsValidator : IValidateOptions<DvcqgCatalogueOptions>
{
    public ValidateOptionsResult Validate(string? name, DvcqgCatalogueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != DvcqgCatalogueOptions.OptionsName)
        {
            return ValidateOptionsResult.Skip;
        }

        var path = options.CataloguePath;
        return SettingsValidationResult.From(UpstreamOptions.SectionFor(NationalPortalSource.Name),
            !string.IsNullOrWhiteSpace(path) && Uri.TryCreate(path, UriKind.Relative, out _) && !path.StartsWith('/')
                ? []
                : [new SettingFailure("CataloguePath", SettingReasons.RelativePath, new DvcqgCatalogueOptions().CataloguePath)]);
    }
}
