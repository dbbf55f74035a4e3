using System.Collections.Frozen;
using System.Collections.Immutable;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Lgsp.Hub.Gateway.AccessRights;

/// <summary>
/// The access rights in force, checked on every call: may this client call this source, for this purpose, and which
/// fields does it get. Built from <see cref="GatewayOptions"/>; on a configuration reload the new rights replace the
/// old only if they validate, otherwise the last good set stays and the refusal is logged.
/// </summary>
internal sealed partial class AccessRightsRegistry : IDisposable
{
    public const string AnyPurpose = "*";

    private readonly IConfiguration _configuration;
    private readonly IValidateOptions<GatewayOptions>[] _validators;
    private readonly IDisposable _subscription;
    private readonly ILogger<AccessRightsRegistry> _logger;
    private volatile Snapshot _current;

    public AccessRightsRegistry(IOptions<GatewayOptions> options, IConfiguration configuration, IEnumerable<IValidateOptions<GatewayOptions>> validators, ILogger<AccessRightsRegistry> logger)
    {
        _configuration = configuration;
        _validators = [.. validators];
        _logger = logger;
        _current = Snapshot.From(options.Value);

        // Not IOptionsMonitor: its change callback throws on invalid options instead of letting us keep the last good set.
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    /// <summary>The hub's own agency code.</summary>
    public AgencyCode HubAgency => _current.HubAgency;

    /// <summary>
    /// The client's right to call <paramref name="source"/>.
    /// </summary>
    /// <exception cref="LgspException"><c>client.service_not_allowed</c> when it has none.</exception>
    public ServiceGrant RequireService(string clientId, string source) =>
        TryGetService(clientId, source, out var grant) ? grant : throw ServiceNotAllowed(clientId, source);

    /// <summary>The client's right to call <paramref name="source"/>, if it has one (the gateway's path: no exception).</summary>
    public bool TryGetService(string clientId, string source, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ServiceGrant? grant) =>
        _current.Grants.TryGetValue((clientId, source), out grant);

    /// <summary><c>client.service_not_allowed</c> for <paramref name="clientId"/> and <paramref name="source"/>.</summary>
    public static LgspException ServiceNotAllowed(string clientId, string source) =>
        new(ErrorCatalogue.ServiceNotAllowed, new($"Client '{clientId}' không có quyền khai thác dịch vụ '{source}'.", $"The client '{clientId}' has no access right for the '{source}' service."));

    /// <summary>
    /// The agencies whose dossiers <paramref name="clientId"/> may read (each covering its units); empty when it has
    /// none.
    /// </summary>
    public ImmutableArray<AgencyCode> DossierAgencies(string? clientId) =>
        clientId is not null && _current.DossierAgencies.TryGetValue(clientId, out var agencies) ? agencies : [];

    /// <summary>The agency a client answers for (its access rights' <c>AgencyCode</c>), when it has any source granted.</summary>
    public AgencyCode? ClientAgency(string clientId) =>
        _current.ClientAgencies.TryGetValue(clientId, out var agency) ? agency : null;

    private void Reload()
    {
        var options = _configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        var failures = _validators.Select(v => v.Validate(Options.DefaultName, options)).Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList();
        if (failures.Count > 0)
        {
            LogReloadRefused(_logger, string.Join(" ", failures));
            return;
        }

        _current = Snapshot.From(options);
        LogReloaded(_logger, _current.Grants.Count);
    }

    public void Dispose() => _subscription.Dispose();

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Access rights reloaded: {Count} client-service grants")]
    private static partial void LogReloaded(ILogger logger, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Access rights reload refused, the previous rights stay in force: {Reason}")]
    private static partial void LogReloadRefused(ILogger logger, string reason);

    private sealed record Snapshot(
        AgencyCode HubAgency,
        FrozenDictionary<(string Client, string Source), ServiceGrant> Grants,
        FrozenDictionary<string, ImmutableArray<AgencyCode>> DossierAgencies,
        FrozenDictionary<string, AgencyCode> ClientAgencies)
    {
        // Only reached with options that passed GatewayOptionsValidator (on start, or in Reload).
        public static Snapshot From(GatewayOptions options)
        {
            var grants = new Dictionary<(string, string), ServiceGrant>();
            var dossierAgencies = new Dictionary<string, ImmutableArray<AgencyCode>>(StringComparer.Ordinal);
            var clientAgencies = new Dictionary<string, AgencyCode>(StringComparer.Ordinal);
            foreach (var (clientId, rights) in options.AccessRights)
            {
                dossierAgencies[clientId] = [.. (rights.DossierAgencies ?? []).Select(AgencyCode.Parse).Distinct()];
                if (rights.Services.Count == 0)
                {
                    continue;
                }

                var agency = AgencyCode.Parse(rights.AgencyCode!);
                clientAgencies[clientId] = agency;
                foreach (var (source, right) in rights.Services)
                {
                    var any = right.Purposes.Contains(AnyPurpose);
                    var purposes = right.Purposes.Where(p => p != AnyPurpose).Select(p => ProcedureCode.Parse(p).NationalCode).ToFrozenSet(StringComparer.Ordinal);
                    var fields = right.Fields is { Count: > 0 } list ? FieldSelection.Parse(list) : null;
                    grants[(clientId, source.ToLowerInvariant())] = new ServiceGrant(clientId, source.ToLowerInvariant(), agency, any, purposes, fields, right.RateLimit, right.DailyQuota)
                    {
                        OfficialAgencies = [.. (right.OfficialAgencies ?? []).Select(AgencyCode.Parse).Distinct()],
                    };
                }
            }

            return new Snapshot(AgencyCode.Parse(options.AgencyCode!), grants.ToFrozenDictionary(), dossierAgencies.ToFrozenDictionary(StringComparer.Ordinal), clientAgencies.ToFrozenDictionary(StringComparer.Ordinal));
        }
    }
}

/// <summary>One client's right to one source, with its limits there (<see cref="Limits.ClientLimits"/>).</summary>
internal sealed record ServiceGrant(
    string ClientId, string Source, AgencyCode ClientAgency, bool AnyPurpose, FrozenSet<string> Purposes, FieldSelection? Fields,
    RateLimitSetting? RateLimit = null, int? DailyQuota = null)
{
    /// <summary>The agencies whose officials may look up anyone's records of this source through this client (subject binding).</summary>
    public ImmutableArray<AgencyCode> OfficialAgencies { get; init; } = [];

    /// <summary>Whether <paramref name="agency"/> is one of <see cref="OfficialAgencies"/> or a unit under one (<c>H56.14.03</c> under <c>H56</c>).</summary>
    public bool GrantsOfficialsOf(AgencyCode agency) =>
        OfficialAgencies.Any(a => string.Equals(agency.ShortForm, a.ShortForm, StringComparison.Ordinal)
            || agency.ShortForm.StartsWith(a.ShortForm + ".", StringComparison.Ordinal));

    /// <exception cref="LgspException"><c>client.purpose_not_allowed</c> naming the purpose.</exception>
    public void RequirePurpose(ProcedureCode purpose)
    {
        if (!AnyPurpose && !Purposes.Contains(purpose.NationalCode))
        {
            throw new LgspException(ErrorCatalogue.PurposeNotAllowed,
                new($"Client '{ClientId}' không được khai thác dịch vụ '{Source}' cho thủ tục {purpose.Value}.", $"The client '{ClientId}' may not use the '{Source}' service for procedure {purpose.Value}."));
        }
    }
}
