using System.Text.Json;
using DescribeFunction.Firestore;
using DescribeFunction.Local.Faults;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.Browser;
using DescribeFunction.Tests.EndToEnd;

namespace DescribeFunction.Tests.Local.Gallery;

/// <summary>
/// The gallery driven in headless Chromium the way a developer uses it: files chosen in the page, descriptions
/// streaming in, filters, a failure's details opened with the keyboard, refusals, awkward names, a narrow window.
/// </summary>
public sealed class GalleryBrowserTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = GalleryInBrowser.Deadline;

    private const string Sunset = "sunset-landscape.jpg";
    private const string Portrait = "blue-white-portrait.png";
    private const string Awkward = "green & yellow #1? 50% ü.webp";
    private const string Broken = "broken.png";
    private const string Nested = "photos/2026/día #2?.png";
    private const string Dropped = "dropped.jpg";

    private GalleryInBrowser _ui = null!;
    private GalleryWithFunction _gallery = null!;
    private BrowserPage _page = null!;
    private string _files = null!;

    public async Task InitializeAsync()
    {
        // Structured output, so that documents carry alt text and labels for the page to show and filter by.
        _ui = await GalleryInBrowser.StartAsync(new Dictionary<string, string?> { ["DESCRIBE_OUTPUT"] = "structured" });
        (_gallery, _page, _files) = (_ui.Gallery, _ui.Page, _ui.FilesDirectory);
        // Slow enough that a description is seen part-written at one look and longer at the next.
        _gallery.Environment.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(120);
    }

    public async Task DisposeAsync() => await _ui.DisposeAsync();

    [ChromiumFact]
    public async Task Gallery_InTheBrowser_UploadsStreamsFiltersAndExplainsFailures()
    {
        await OpenAsync();

        // Three images chosen in the file picker: one of them named with %, #, ? and unicode.
        await _page.SetInputFilesAsync("#files", [File(Sunset, Sunset), File(Portrait, Portrait), File("green-yellow-square.webp", Awkward)]);

        var first = await _page.WaitForAsync(
            "(() => { const t = [...document.querySelectorAll('.tile')].find((t) => t.dataset.status === 'streaming' && t.querySelector('.description').textContent.length > 0); return t ? [t.dataset.name, t.querySelector('.description').textContent] : null; })()",
            Deadline, "a tile streaming with part of its description");
        var (streamed, partial) = (first[0].GetString()!, first[1].GetString()!);
        var longer = await _page.WaitForAsync($"(() => {{ const d = tileText({Js(streamed)}, '.description'); return d && d.length > {partial.Length} ? d : null; }})()", Deadline, $"the description of {streamed} to grow");
        Assert.StartsWith(partial, longer.GetString(), StringComparison.Ordinal);

        await _page.WaitForAsync("[...document.querySelectorAll('.tile')].filter((t) => t.dataset.status === 'done').length === 3", Deadline, "three tiles done");
        foreach (var name in new[] { Sunset, Portrait, Awkward })
        {
            var description = (await DocumentAsync(name)).GetString(DescriptionFields.Description);
            Assert.False(string.IsNullOrEmpty(description));
            Assert.Equal(description, await _page.TextAsync($"tileText({Js(name)}, '.description')"));
            Assert.Equal(Alt(await DocumentAsync(name)), await _page.TextAsync($"tileOf({Js(name)}).querySelector('img').alt"));
        }

        // Newest first, as the bucket dated them.
        var newestFirst = _gallery.Environment.BucketStore.List(LocalEnvironment.Bucket)
            .OrderByDescending(o => o.Generation).ThenBy(o => o.Name, StringComparer.Ordinal).Select(o => o.Name);
        Assert.Equal(newestFirst, await ShownAsync());

        // The awkward name is displayed as it is, and its thumbnail and link reach the object.
        Assert.Equal(Awkward, await _page.TextAsync($"tileOf({Js(Awkward)}).querySelector('.head a').textContent"));
        await _page.WaitForAsync($"tileOf({Js(Awkward)}).querySelector('img').naturalWidth > 0", Deadline, "the thumbnail of the awkward name");
        Assert.Equal(new FileInfo(Path.Combine(_files, Awkward)).Length, (await _page.EvaluateAsync($"fetch(tileOf({Js(Awkward)}).querySelector('.head a').href).then((r) => r.ok ? r.blob() : null).then((b) => b ? b.size : -1)")).GetInt64());

        await LabelFilterShowsOnlyLabelledAsync();
        await SearchFindsByWordAsync();
        await FailedTileShowsItsErrorInDetailsAsync();
        await BadInputIsExplainedAsync();
        await DroppedFilesAreUploadedAsync();
        await NestedNameDisplaysAndLinksAsync();
        await ThumbnailOpensFullSizeAsync();
        await IdlePageMakesNoRequestsPerTileAsync();
        await KeyboardReachesControlsInOrderAsync();
        await ReadableAt400PixelsAsync();

        await _page.SetViewportAsync(1280, 900);
        await _page.EvaluateAsync("document.activeElement?.blur()");
        await _page.ScreenshotAsync(Path.Combine(Screenshots.Directory, "gallery.png"));
    }

    // Labels and alt text come from the function's structured output.
    private async Task LabelFilterShowsOnlyLabelledAsync()
    {
        var labels = new Dictionary<string, List<string>>();
        foreach (var name in new[] { Sunset, Portrait, Awkward })
        {
            var document = await DocumentAsync(name);
            labels[name] = [.. ((IReadOnlyList<object?>)document["labels"]!).Cast<string>()];
            Assert.Equal($"Alt text: {document.GetString("altText")}", await _page.TextAsync($"tileText({Js(name)}, '.alt')"));
            Assert.Equal(labels[name], (await _page.EvaluateAsync($"[...tileOf({Js(name)}).querySelectorAll('.labels button')].map((b) => b.textContent)")).EnumerateArray().Select(e => e.GetString()));
        }

        // A label some images have and others do not, so that the filter visibly narrows.
        var label = labels.Values.SelectMany(l => l).Distinct().First(l => labels.Values.Count(v => v.Contains(l)) < labels.Count);
        await _page.EvaluateAsync($"(() => {{ const f = document.getElementById('label-filter'); f.value = {Js(label)}; f.dispatchEvent(new Event('change')); }})()");
        Assert.Equal(label, await _page.TextAsync("document.getElementById('label-filter').value"));
        var expected = (await ShownOfAllAsync()).Where(n => labels.TryGetValue(n, out var l) && l.Contains(label));
        Assert.Equal(expected, await ShownAsync());
        await _page.EvaluateAsync("(() => { const f = document.getElementById('label-filter'); f.value = ''; f.dispatchEvent(new Event('change')); })()");
    }

    private async Task SearchFindsByWordAsync()
    {
        await _page.EvaluateAsync("document.getElementById('search').focus()");
        await _page.InsertTextAsync("portrait");
        Assert.Equal([Portrait], await ShownAsync());
        await _page.EvaluateAsync("(() => { const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input')); })()");
        Assert.Equal(3, (await ShownAsync()).Count);
    }

    private async Task FailedTileShowsItsErrorInDetailsAsync()
    {
        _gallery.Environment.Describer.Faults.Add(new FaultPlan { Status = 400, PathContains = "chat/completions" });
        await _page.SetInputFilesAsync("#files", [File(Portrait, Broken)]);
        await _page.WaitForAsync($"tileOf({Js(Broken)})?.dataset.status === 'failed'", Deadline, $"{Broken} to fail");
        var error = (DocumentFields)(await DocumentAsync(Broken))[DescriptionFields.Error]!;
        var code = error.GetString("code")!;
        Assert.Equal("endpoint-400", code);
        Assert.Equal($"{code} {error.GetString("message")}", await _page.TextAsync($"tileText({Js(Broken)}, '.error')"));

        await _page.EvaluateAsync("(() => { const f = document.getElementById('status-filter'); f.value = 'failed'; f.dispatchEvent(new Event('change')); })()");
        Assert.Equal([Broken], await ShownAsync());
        // Opened from the keyboard, as a person using no mouse would.
        await _page.EvaluateAsync($"tileOf({Js(Broken)}).querySelector('summary').focus()");
        await _page.PressAsync("Enter");
        await _page.WaitForAsync($"tileOf({Js(Broken)}).querySelector('details').open", Deadline, "the failed tile's details to open");
        var details = await _page.EvaluateAsync(
            $"Object.fromEntries([...tileOf({Js(Broken)}).querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]))");
        Assert.Equal("endpoint-400", details.GetProperty("error").GetString());
        Assert.Equal("1", details.GetProperty("attempts").GetString());
        Assert.Equal($"gs://{LocalEnvironment.Bucket}/{Broken}", details.GetProperty("object").GetString());
        await _page.EvaluateAsync("(() => { const f = document.getElementById('status-filter'); f.value = ''; f.dispatchEvent(new Event('change')); })()");
    }

    private async Task BadInputIsExplainedAsync()
    {
        var notes = Path.Combine(_files, "notes.txt");
        await System.IO.File.WriteAllTextAsync(notes, "not an image");
        var huge = Path.Combine(_files, "huge.png");
        await using (var stream = System.IO.File.Create(huge))
        {
            stream.SetLength(50L * 1024 * 1024);
        }

        await _page.SetInputFilesAsync("#files", [notes, huge]);

        await _page.WaitForAsync("tileOf('notes.txt')?.dataset.status === 'skipped'", Deadline, "notes.txt to show as skipped");
        Assert.Equal(
            "The function skips it: content type 'text/plain' is not one of IMAGE_CONTENT_TYPES.",
            await _page.TextAsync("tileText('notes.txt', '.reason')"));
        var refusal = await _page.WaitForAsync(
            "[...document.querySelectorAll('#notices li')].map((n) => n.textContent).find((t) => t.startsWith('huge.png')) || null", Deadline, "the refusal of huge.png");
        Assert.Equal("huge.png is 50 MiB; the gallery takes files up to 20 MiB (MAX_OBJECT_BYTES, the largest object the function describes).", refusal.GetString());
        Assert.Null(_gallery.Environment.BucketStore.GetMetadata(LocalEnvironment.Bucket, "huge.png"));
    }

    private async Task DroppedFilesAreUploadedAsync()
    {
        await _page.DropFilesAsync("#dropzone", [File(Sunset, Dropped)]);

        await _page.WaitForAsync($"tileOf({Js(Dropped)})?.dataset.status === 'done'", Deadline, $"the dropped {Dropped} to be described");
        Assert.NotNull(_gallery.Environment.BucketStore.GetMetadata(LocalEnvironment.Bucket, Dropped));
    }

    // A name with '/' cannot come from a file picker; other tools put such objects in buckets all the time.
    private async Task NestedNameDisplaysAndLinksAsync()
    {
        var bytes = DescribeEndToEndTests.Sample(Portrait);
        using var http = new HttpClient();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("image/png");
        var upload = await http.PostAsync(new Uri(_gallery.Environment.Storage.BaseAddress, $"upload/storage/v1/b/{LocalEnvironment.Bucket}/o?uploadType=media&name={Uri.EscapeDataString(Nested)}"), content);
        upload.EnsureSuccessStatusCode();

        await _page.WaitForAsync($"tileOf({Js(Nested)})?.dataset.status === 'done'", Deadline, $"{Nested} to be described");
        Assert.Equal(Nested, await _page.TextAsync($"tileOf({Js(Nested)}).querySelector('.head a').textContent"));
        Assert.Equal(Nested, await _page.TextAsync($"new URL(tileOf({Js(Nested)}).querySelector('.head a').href).searchParams.get('name')"));
        await _page.WaitForAsync($"tileOf({Js(Nested)}).querySelector('img').naturalWidth > 0", Deadline, $"the thumbnail of {Nested}");
        Assert.Equal(bytes.Length, (await _page.EvaluateAsync($"fetch(tileOf({Js(Nested)}).querySelector('.head a').href).then((r) => r.blob()).then((b) => b.size)")).GetInt32());
    }

    private async Task ThumbnailOpensFullSizeAsync()
    {
        await _page.EvaluateAsync($"tileOf({Js(Sunset)}).querySelector('.thumb').click()");
        // The sample is 640 × 400; the thumbnail is smaller, the full-size view is not.
        await _page.WaitForAsync("document.getElementById('viewer').open && document.getElementById('viewer-image').naturalWidth === 640", Deadline, "the full-size view of the sunset");
        Assert.Equal(Sunset, await _page.TextAsync("document.getElementById('viewer-title').textContent"));
        await _page.PressAsync("Escape");
        await _page.WaitForAsync("!document.getElementById('viewer').open", Deadline, "Escape to close the full-size view");
    }

    private async Task KeyboardReachesControlsInOrderAsync()
    {
        // A fresh load, so that focus starts at the top of the page.
        await OpenAsync();
        var reached = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            await _page.PressAsync("Tab");
            reached.Add(await _page.TextAsync("(() => { const a = document.activeElement; return a.id || a.className || a.tagName; })()") ?? "");
        }

        Assert.Equal(["files", "status-filter", "label-filter", "search", "thumb"], reached);
        Assert.True((await _page.EvaluateAsync("[...document.querySelectorAll('.tile a, .tile button, .tile summary')].every((e) => e.tabIndex >= 0)")).GetBoolean());
    }

    // Live updates come over the page's one event stream: while tiles change or not, the page itself requests nothing.
    private async Task IdlePageMakesNoRequestsPerTileAsync()
    {
        const string requests = "performance.getEntriesByType('resource').filter((r) => !/\\/api\\/(thumbnail|image)\\?/.test(r.name)).length";
        var before = (await _page.EvaluateAsync(requests)).GetInt32();
        var storage = _gallery.Environment.Storage.Faults;
        var listings = storage.RequestCount;
        await Waiting.WaitUntilAsync(() => storage.RequestCount >= listings + 3, Deadline, "three more readings of the bucket by the gallery");
        Assert.Equal(before, (await _page.EvaluateAsync(requests)).GetInt32());
    }

    private async Task ReadableAt400PixelsAsync()
    {
        await _page.SetViewportAsync(400, 900);
        await _page.WaitForAsync("window.innerWidth === 400", Deadline, "the 400 px viewport");
        Assert.True((await _page.EvaluateAsync("document.documentElement.scrollWidth <= 400")).GetBoolean(), "the page scrolls sideways at 400 px");
        Assert.True((await _page.EvaluateAsync("[...document.querySelectorAll('.tile')].every((t) => t.getBoundingClientRect().right <= 400)")).GetBoolean());
        await _page.ScreenshotAsync(Path.Combine(Screenshots.Directory, "gallery-400px.png"));
    }

    private Task OpenAsync() => _ui.OpenAsync();

    private async Task<List<string>> ShownOfAllAsync() =>
        [.. (await _page.EvaluateAsync("[...document.querySelectorAll('.tile')].map((t) => t.dataset.name)")).EnumerateArray().Select(e => e.GetString()!)];

    private static string? Alt(DocumentFields document) => document.GetString("altText") ?? document.GetString(DescriptionFields.Description);

    private Task<List<string>> ShownAsync() => _ui.ShownAsync();

    private async Task<DocumentFields> DocumentAsync(string name) =>
        (await _gallery.Stack.GetDocumentAsync(name))?.Fields ?? throw new InvalidOperationException($"{name} has no document.");

    private string File(string sample, string name) => _ui.File(sample, name);

    private static string Js(string text) => GalleryInBrowser.Js(text);
}
