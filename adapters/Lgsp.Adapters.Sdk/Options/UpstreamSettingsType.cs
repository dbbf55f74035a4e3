namespace Lgsp.Adapters.Sdk.Options;

/// <summary>
/// One options type bound from a source's section <c>Adapters:&lt;source&gt;</c>: <see cref="UpstreamOptions"/> (named
/// after the source) for every source, plus an adapter's own (the national portal's mappings, the population source's
/// integration code). The hub's control API reads these to know which keys a source has, of which types, and which
/// validators judge a change, so an operator's change passes exactly the checks a start does.
/// </summary>
/// <param name="OptionsName">The options name the type is bound under (<see cref="Microsoft.Extensions.Options.Options.DefaultName"/> for unnamed options).</param>
public sealed record UpstreamSettingsType(string Source, Type OptionsType, string OptionsName);
