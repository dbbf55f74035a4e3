using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Lgsp.Hub.Tests.StatusSync.EndToEnd;

/// <summary>
/// A national-portal consumer of the pull feed (<c>GET /api/v1/dossiers/changes?after=&amp;limit=</c>) that follows it
/// during the whole run, across the hub's kill and restart, resuming with <c>after = next</c> after every failure as
/// a real consumer would. What it read is kept in order (position, idempotency key).
/// </summary>
internal sealed class ChangeFeedFollower(HttpClient http, Uri hubUrl, HubToken token)
{
    private const int PageSize = 500;
    private readonly List<(long Position, string Key)> _read = [];
    private long _cursor;

    public IReadOnlyList<(long Position, string Key)> Read => _read;

    /// <summary>Pages failed while the hub was down or restarting (retried from the same cursor).</summary>
    public int FailedPages { get; private set; }

    /// <summary>
    /// Follows the feed until <paramref name="stop"/> is cancelled, then reads on until a page comes back empty;
    /// <paramref name="abort"/> ends it at once (the test is over).
    /// </summary>
    public async Task FollowAsync(CancellationToken stop, CancellationToken abort)
    {
        while (!abort.IsCancellationRequested)
        {
            var count = await PageAsync();
            if (count is 0 && stop.IsCancellationRequested)
            {
                return;
            }

            if (count is null or < PageSize)
            {
                await Task.Delay(count is null ? 200 : 100, CancellationToken.None);
            }
        }
    }

    /// <summary>One page from the cursor: how many items it held, or null when the hub did not answer.</summary>
    private async Task<int?> PageAsync()
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(hubUrl, string.Create(CultureInfo.InvariantCulture, $"/api/v1/dossiers/changes?after={_cursor}&limit={PageSize}")));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAsync());
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                token.Reset();
            }

            if (!response.IsSuccessStatusCode)
            {
                FailedPages++;
                return null;
            }

            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var items = page.RootElement.GetProperty("items").EnumerateArray().ToList();
            _read.AddRange(items.Select(i => (i.GetProperty("position").GetInt64(), i.GetProperty("event").GetProperty("idempotencyKey").GetString()!)));
            _cursor = page.RootElement.GetProperty("next").GetInt64();
            return items.Count;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // The hub is down (killed) or restarting: the same cursor again.
            FailedPages++;
            return null;
        }
    }

    /// <summary>
    /// Every expected change read exactly once (no key twice, none missing, nothing else), positions strictly
    /// increasing, and each dossier's changes in the order they were written.
    /// </summary>
    public void AssertEveryChangeOnceInOrder(IReadOnlyDictionary<string, IReadOnlyList<string>> expectedByDossier)
    {
        var positions = _read.Select(r => r.Position).ToList();
        Assert.True(positions.Zip(positions.Skip(1)).All(p => p.First < p.Second), "feed positions not strictly increasing");
        var repeated = _read.GroupBy(r => r.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
        Assert.True(repeated.Count == 0, $"feed changes read twice: {string.Join(", ", repeated)}");
        var expected = expectedByDossier.Values.Sum(v => v.Count);
        Assert.True(_read.Count == expected, $"feed: read {_read.Count} changes, expected {expected}");
        var byDossier = _read.GroupBy(r => DossierOf(r.Key), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Key).ToList(), StringComparer.Ordinal);
        foreach (var (code, keys) in expectedByDossier)
        {
            Assert.Equal(keys, byDossier.GetValueOrDefault(code) ?? []);
        }
    }

    /// <summary>The dossier code of an event key (<c>code#seq</c> or <c>code@version</c>).</summary>
    private static string DossierOf(string key) => key[..key.IndexOfAny(['#', '@'])];
}
