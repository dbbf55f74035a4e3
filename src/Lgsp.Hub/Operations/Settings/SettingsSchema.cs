using System.Reflection;
using System.Text.Json.Nodes;
using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.Errors;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>
/// What one runtime-changeable document may hold, read from the options types bound to it (an adapter's
/// <see cref="UpstreamSettingsType"/>s, a client's <see cref="Gateway.ClientAccessRights"/>), and the checks a change
/// passes: every key and value (<see cref="SettingsKeyCheck"/>), then the very validators that run on start, their
/// failures answered by field in Vietnamese and English (<see cref="SettingFailureTranslation"/>). The document's
/// JSON form and merge patches are <see cref="SettingsJson"/> and <see cref="SettingsMergePatch"/>.
/// </summary>
internal sealed class SettingsSchema
{
    private readonly Func<IReadOnlyDictionary<string, string>, IServiceProvider, IEnumerable<SettingVerdict>> _judge;

    /// <param name="judge">The start-up validators' verdict on a candidate document.</param>
    public SettingsSchema(string kind, string name, IEnumerable<Type> types, Func<IReadOnlyDictionary<string, string>, IServiceProvider, IEnumerable<SettingVerdict>> judge)
    {
        Kind = kind;
        Name = name;
        _judge = judge;
        var all = types.ToList();
        Root = SettingsNode.Root(all);
        ReadOnly = [.. all.SelectMany(DeploymentFixedSettings.KeysOf).Distinct(StringComparer.OrdinalIgnoreCase).Select(Path).Order(StringComparer.Ordinal)];
    }

    /// <summary>The settings the deployment fixes, as the API names them (<c>credentialsSecret</c>): shown, never changed here.</summary>
    public IReadOnlyList<string> ReadOnly { get; }

    public string Kind { get; }

    /// <summary>The source or the client id.</summary>
    public string Name { get; }

    internal SettingsNode Root { get; }

    /// <summary>The document's configuration section (<c>Adapters:business</c>, <c>Gateway:AccessRights:portal</c>).</summary>
    public string Section => SettingsKinds.PathOf(Kind, Name);

    /// <summary>Every setting's label, by its path (<c>retry.maxDelay</c>; <c>*</c> for a dictionary's key or a list's index).</summary>
    public IReadOnlyDictionary<string, SettingLabel> Labels() =>
        Root.LeafPaths().Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(p => p, p => SettingLabels.For(Kind, p), StringComparer.Ordinal);

    /// <summary>An adapter's section, judged by every options type bound to it and their validators.</summary>
    public static SettingsSchema ForAdapter(string source, IReadOnlyList<UpstreamSettingsType> types) =>
        new(SettingsKinds.Adapter, source, types.Select(t => t.OptionsType), (settings, services) =>
        {
            var section = new ConfigurationBuilder()
                .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>(ConfigurationPath.Combine(SettingsKinds.PathOf(SettingsKinds.Adapter, source), s.Key), s.Value)))
                .Build()
                .GetSection(SettingsKinds.PathOf(SettingsKinds.Adapter, source));
            var validate = typeof(SettingsSchema).GetMethod(nameof(ValidateAs), BindingFlags.NonPublic | BindingFlags.Static)!;
            return types.SelectMany(t => (IEnumerable<SettingVerdict>)validate.MakeGenericMethod(t.OptionsType).Invoke(null, [section, t.OptionsName, services])!).ToList();
        });

    /// <summary>
    /// A client's access rights, judged as part of the whole <c>Gateway</c> section in force (the other clients' rights
    /// as they are) by the gateway's start-up validators; only the problems of this client count.
    /// </summary>
    public static SettingsSchema ForAccessRights(string clientId, RuntimeSettings runtime) =>
        new(SettingsKinds.AccessRights, clientId, [typeof(Gateway.ClientAccessRights)], (settings, services) =>
        {
            var path = SettingsKinds.PathOf(SettingsKinds.AccessRights, clientId);
            var gateway = runtime.Configuration.GetSection(Gateway.GatewayOptions.SectionName).AsEnumerable()
                .Where(k => k.Value is not null && !k.Key.StartsWith(path + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase))
                .Concat(settings.Select(s => KeyValuePair.Create<string, string?>(ConfigurationPath.Combine(path, s.Key), s.Value)));
            var section = new ConfigurationBuilder().AddInMemoryCollection(gateway).Build().GetSection(Gateway.GatewayOptions.SectionName);
            return ValidateAs<Gateway.GatewayOptions>(section, Options.DefaultName, services)
                .Where(v => string.Equals(v.FullKey, path, StringComparison.OrdinalIgnoreCase)
                    || v.FullKey.StartsWith(path + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase))
                .ToList();
        });

    /// <summary>A maintenance window (<c>Maintenance:hub</c> or <c>Maintenance:&lt;agency&gt;</c>): when on, both messages and the end.</summary>
    public static SettingsSchema ForMaintenance(string scope) =>
        new(SettingsKinds.Maintenance, scope, [typeof(Maintenance.MaintenanceWindow)], (settings, _) =>
            Maintenance.MaintenanceWindow.Read(settings).Failures()
                .Select(f => new SettingVerdict(SettingsKinds.PathOf(SettingsKinds.Maintenance, scope), f, null)).ToList());

    /// <summary>Every problem of a candidate section: unknown keys and unreadable values, then, if none, the validators' verdicts.</summary>
    public IReadOnlyList<FieldError> Validate(IReadOnlyDictionary<string, string> settings, IServiceProvider services)
    {
        var (failures, readable) = SettingsKeyCheck.Check(Root, Name, settings);
        var translation = new SettingFailureTranslation(this);
        var errors = failures.Select(f => translation.Translate(new SettingVerdict(Section, f, null))).ToList();

        // The validators judge the rest, so one answer lists every problem; a key already refused is not judged twice.
        var refused = errors.Select(e => e.Field).ToHashSet(StringComparer.OrdinalIgnoreCase);
        errors.AddRange(_judge(readable, services).Select(translation.Translate).Where(e => !refused.Contains(e.Field)));

        return errors.DistinctBy(e => (e.Field, e.MessageEn)).ToList();
    }

    public JsonObject ToJson(IReadOnlyDictionary<string, string> settings) => SettingsJson.ToJson(Root, settings);

    /// <summary><paramref name="settings"/> with a JSON merge patch (RFC 7396) applied (<see cref="SettingsMergePatch"/>).</summary>
    public Dictionary<string, string> Patch(IReadOnlyDictionary<string, string> settings, JsonObject patch) => SettingsMergePatch.Apply(Root, settings, patch);

    /// <summary>The label of a flat key (<c>Retry:MaxDelay</c> → "Độ trễ thử lại tối đa").</summary>
    public SettingLabel Label(string key)
    {
        var segments = key.Split(ConfigurationPath.KeyDelimiter);
        return SettingLabels.For(Kind, Pattern(segments), FieldName(segments));
    }

    /// <summary>A flat key as the API names it: <c>Retry:MaxDelay</c> → <c>retry.maxDelay</c>.</summary>
    public string Path(string key) => FieldName(key.Split(ConfigurationPath.KeyDelimiter));

    public string FieldName(IEnumerable<string> path)
    {
        SettingsNode? node = Root;
        var names = new List<string>();
        foreach (var segment in path)
        {
            var child = node?.Child(segment);
            names.Add(node?.Kind is SettingsNodeKind.Object or null ? CamelCase(child?.Name ?? segment) : segment);
            node = child;
        }

        return string.Join('.', names);
    }

    /// <summary>The path with <c>*</c> for dictionary keys and list indices (<c>mappings.loaiDoiTuong.*</c>): how labels are keyed.</summary>
    public string Pattern(IEnumerable<string> path)
    {
        SettingsNode? node = Root;
        var names = new List<string>();
        foreach (var segment in path)
        {
            var child = node?.Child(segment);
            names.Add(node?.Kind switch
            {
                SettingsNodeKind.Object or null => CamelCase(child?.Name ?? segment),
                _ => "*",
            });
            node = child;
        }

        return string.Join('.', names);
    }

    public static string CamelCase(string name) => name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static IEnumerable<SettingVerdict> ValidateAs<T>(IConfigurationSection section, string name, IServiceProvider services)
        where T : class
    {
        var instance = (T)Activator.CreateInstance(typeof(T))!;
        try
        {
            section.Bind(instance);
        }
        catch (InvalidOperationException ex)
        {
            return [new SettingVerdict(section.Path, new SettingFailure("", SettingReasons.Unreadable, ex.Message), null)];
        }

        return services.GetServices<IValidateOptions<T>>()
            .Select(v => v.Validate(name, instance))
            .Where(r => r.Failed)
            .SelectMany(r => r is SettingsValidationResult structured
                ? structured.SettingFailures.Select(f => new SettingVerdict(structured.Section, f, null))
                : (r.Failures ?? [r.FailureMessage ?? "invalid"]).Select(text => new SettingVerdict("", null, text)));
    }
}

/// <summary>
/// One validator's verdict on a candidate: a structured <see cref="SettingFailure"/> under its section, or the English
/// text of a validator that does not emit them (named by its full key at the start, as options failures are).
/// </summary>
internal sealed record SettingVerdict(string Section, SettingFailure? Failure, string? Text)
{
    /// <summary>The full configuration key the verdict is about (<c>Adapters:business:AttemptTimeout</c>).</summary>
    public string FullKey => Failure is { } f
        ? string.IsNullOrEmpty(f.Key) ? Section : $"{Section}{ConfigurationPath.KeyDelimiter}{f.Key}"
        : (Text ?? "").Split(' ', 2)[0].TrimEnd(':', '.');
}
