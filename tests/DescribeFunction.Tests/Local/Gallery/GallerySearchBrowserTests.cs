using DescribeFunction.Local.Faults;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Tests.Browser;

namespace DescribeFunction.Tests.Local.Gallery;

/// <summary>
/// The gallery's search box with embeddings on, as <c>serve</c> runs it, driven in headless Chromium: typing ranks the
/// tiles by meaning with their distances, "words" filters as before, "More like this" ranks by a tile's own vector
/// with the tile first, "Show all" goes back, and a failing search is one sentence in the notices.
/// </summary>
public sealed class GallerySearchBrowserTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = GalleryInBrowser.Deadline;
    private const string Sunset = "sunset-landscape.jpg";
    private const string Portrait = "blue-white-portrait.png";
    private const string Square = "green-yellow-square.webp";
    private const string Again = "blue-white-again.png";

    private GalleryInBrowser _ui = null!;
    private BrowserPage _page = null!;

    public async Task InitializeAsync()
    {
        _ui = await GalleryInBrowser.StartAsync(new Dictionary<string, string?> { ["EMBEDDING_MODEL"] = LocalEnvironment.DefaultEmbeddingModel });
        _page = _ui.Page;
    }

    public async Task DisposeAsync() => await _ui.DisposeAsync();

    [ChromiumFact]
    public async Task SearchBox_RanksByMeaning_AndMoreLikeThisRanksByATilesVector()
    {
        await _ui.OpenAsync();
        await _page.SetInputFilesAsync("#files", [_ui.File(Sunset, Sunset), _ui.File(Portrait, Portrait), _ui.File(Square, Square)]);
        await _page.WaitForAsync("[...document.querySelectorAll('.tile')].filter((t) => t.dataset.status === 'done' && !t.querySelector('.more-like').hidden).length === 3", Deadline, "three tiles described and embedded");
        var newestFirst = await ShownAsync();
        Assert.False(await HiddenAsync("search-mode-label"));
        Assert.Equal("meaning", await _page.TextAsync("document.getElementById('search-mode').value"));

        // Typed as a person types: the ranking comes once typing pauses, nearest first, every tile with a vector shown.
        await _page.EvaluateAsync("document.getElementById('search').focus()");
        await _page.InsertTextAsync("blue and white");
        await _page.WaitForAsync($"!document.getElementById('ranking').hidden && shown()[0] === {Js(Portrait)}", Deadline, "the portrait ranked first");
        var ranked = await SearchAsync("q=" + Uri.EscapeDataString("blue and white"));
        Assert.Equal(ranked.Select(r => r.Name), await ShownAsync());
        foreach (var (name, distance) in ranked)
        {
            Assert.Equal(distance.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), await _page.TextAsync($"tileText({Js(name)}, '.distance')"));
        }

        Assert.Equal("Ranked by meaning: nearest to “blue and white” first.", await _page.TextAsync("document.getElementById('ranking-text').textContent"));
        Assert.Equal("search", await _page.TextAsync("document.activeElement.id"));

        // While ranked, an image described and embedded later is ranked too: the same bytes, so the same distance.
        await _page.SetInputFilesAsync("#files", [_ui.File(Portrait, Again)]);
        await _page.WaitForAsync($"shown().includes({Js(Again)}) && tileText({Js(Again)}, '.distance') === tileText({Js(Portrait)}, '.distance')", Deadline, $"{Again} to join the ranking beside the portrait");
        Assert.Equal([Again, Portrait], (await ShownAsync())[..2]); // equally near: the newer first
        Assert.Equal((await SearchAsync("q=" + Uri.EscapeDataString("blue and white"))).Select(r => r.Name).Order(StringComparer.Ordinal), (await ShownAsync()).Order(StringComparer.Ordinal));
        newestFirst = [Again, .. newestFirst];

        // "words" is the old filter: only tiles holding every word, newest first, no distances.
        await ChooseModeAsync("words");
        await SetSearchAsync("sunset");
        Assert.Equal([Sunset], await ShownAsync());
        Assert.True(await HiddenAsync("ranking"));
        Assert.Null(await _page.TextAsync($"tileText({Js(Sunset)}, '.distance')"));
        await SetSearchAsync("");
        await ChooseModeAsync("meaning");
        Assert.Equal(newestFirst, await ShownAsync());

        // More like this, from the keyboard: the tile itself first, then the others as the search ranks them.
        await _page.EvaluateAsync($"tileOf({Js(Sunset)}).querySelector('.more-like').focus()");
        await _page.PressAsync("Enter");
        await _page.WaitForAsync($"!document.getElementById('ranking').hidden && document.getElementById('ranking-text').textContent.includes({Js(Sunset)})", Deadline, "the ranking like the sunset");
        var like = await SearchAsync("like=" + Uri.EscapeDataString(Sunset));
        Assert.Equal([Sunset, .. like.Select(r => r.Name)], await ShownAsync());
        Assert.Equal("this one", await _page.TextAsync($"tileText({Js(Sunset)}, '.distance')"));
        Assert.Equal("ranking-clear", await _page.TextAsync("document.activeElement.id"));
        await _page.ScreenshotAsync(Path.Combine(Screenshots.Directory, "gallery-more-like-this.png"));

        // The way back: all tiles newest first, and focus where it was.
        await _page.PressAsync("Enter");
        await _page.WaitForAsync("document.getElementById('ranking').hidden", Deadline, "Show all to end the ranking");
        Assert.Equal(newestFirst, await ShownAsync());
        Assert.True((await _page.EvaluateAsync($"document.activeElement === tileOf({Js(Sunset)}).querySelector('.more-like')")).GetBoolean());

        // A search that fails is one sentence in the notices, and the page stays newest first.
        _ui.Gallery.Environment.Describer.Faults.Add(new FaultPlan { Status = 400, Count = 1, PathContains = ":predict" });
        await SetSearchAsync("boats at dusk");
        var refusal = await _page.WaitForAsync("document.querySelector('#notices li.refused')?.textContent || null", Deadline, "the failed search's notice");
        Assert.DoesNotContain('\n', refusal.GetString()!);
        Assert.EndsWith(".", refusal.GetString()!, StringComparison.Ordinal);
        Assert.True(await HiddenAsync("ranking"));
        Assert.Equal(newestFirst, await ShownAsync());
    }

    private async Task ChooseModeAsync(string mode) =>
        await _page.EvaluateAsync($"(() => {{ const m = document.getElementById('search-mode'); m.value = {Js(mode)}; m.dispatchEvent(new Event('change')); }})()");

    private async Task SetSearchAsync(string text) =>
        await _page.EvaluateAsync($"(() => {{ const s = document.getElementById('search'); s.value = {Js(text)}; s.dispatchEvent(new Event('input')); }})()");

    private async Task<bool> HiddenAsync(string id) => (await _page.EvaluateAsync($"document.getElementById({Js(id)}).hidden")).GetBoolean();

    // What the server ranks, asked from the page as the page asks it.
    private async Task<List<(string Name, double Distance)>> SearchAsync(string query)
    {
        var results = await _page.EvaluateAsync($"fetch('api/search?{query}&limit=10').then((r) => r.json()).then((b) => b.results)");
        return [.. results.EnumerateArray().Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("distance").GetDouble()))];
    }

    private Task<List<string>> ShownAsync() => _ui.ShownAsync();

    private static string Js(string text) => GalleryInBrowser.Js(text);
}
