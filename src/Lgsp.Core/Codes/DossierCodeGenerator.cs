using Lgsp.Core.Errors;
using Lgsp.Core.Time;

namespace Lgsp.Core.Codes;

/// <summary>
/// Issues Điều 19 dossier codes, <c>&lt;agency ShortForm&gt;-yyMMdd-NNNN</c> (see <see cref="DossierCode.Create"/>).
/// The day is Vietnam's (a dossier received at 23:30 +07:00 belongs to that day, not to the UTC one), and each
/// agency's counter restarts every day because it is keyed by (agency, day).
/// </summary>
public sealed class DossierCodeGenerator
{
    private readonly IDossierSequence _sequence;
    private readonly TimeProvider _time;

    public DossierCodeGenerator(IDossierSequence sequence, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(time);
        _sequence = sequence;
        _time = time;
    }

    /// <exception cref="LgspException"><c>hub.dossier_sequence_exhausted</c> after the 9999th code of the day.</exception>
    public async ValueTask<DossierCode> NextAsync(AgencyCode agency, CancellationToken cancellationToken = default)
    {
        if (agency.Value.Length == 0)
        {
            throw new ArgumentException("The agency code is empty (default value).", nameof(agency));
        }

        var day = VietnamTime.Today(_time);

        // Keyed by the canonical value, so H56.14 and 000.00.14.H56 share one counter.
        var next = await _sequence.NextValueAsync(agency.Value, day, cancellationToken).ConfigureAwait(false);
        if (next > DossierCode.MaxSequence)
        {
            throw new LgspException(ErrorCatalogue.SequenceExhausted, new(
                $"Cơ quan {agency.Value} đã dùng hết {DossierCode.MaxSequence} mã hồ sơ của ngày {day:dd/MM/yyyy}.",
                $"Agency {agency.Value} has used all {DossierCode.MaxSequence} dossier codes of {day:yyyy-MM-dd}."));
        }

        if (next < 1)
        {
            throw new InvalidOperationException($"The dossier sequence returned {next}; counters start at 1.");
        }

        return DossierCode.Create(agency, day, (int)next);
    }
}
