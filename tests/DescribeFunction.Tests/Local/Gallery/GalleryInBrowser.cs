using System.Text.Json;
using DescribeFunction.Tests.Browser;
using DescribeFunction.Tests.EndToEnd;

namespace DescribeFunction.Tests.Local.Gallery;

/// <summary>
/// The gallery with the function behind it, open in headless Chromium at 1280 × 900, and what the page tests share:
/// the helpers defined in the page, the names of the tiles a person can see, sample files to choose in the picker.
/// </summary>
public sealed class GalleryInBrowser : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    // Defined in the page once: the tile of an object, and the names of the tiles a person can see, in page order.
    private const string Helpers = """
        window.tileOf = (name) => [...document.querySelectorAll('.tile')].find((t) => t.dataset.name === name);
        window.shown = () => [...document.querySelectorAll('.tile')].filter((t) => !t.hidden).map((t) => t.dataset.name);
        window.tileText = (name, part) => { const t = tileOf(name); const p = t && t.querySelector(part); return p && !p.hidden ? p.textContent : null; };
        true
        """;

    private readonly HeadlessChromium _browser;
    private readonly string _files = Directory.CreateTempSubdirectory("gallery-files-").FullName;

    private GalleryInBrowser(GalleryWithFunction gallery, HeadlessChromium browser, BrowserPage page)
    {
        Gallery = gallery;
        _browser = browser;
        Page = page;
    }

    public GalleryWithFunction Gallery { get; }

    public BrowserPage Page { get; }

    /// <summary>Where <see cref="File"/> writes the files the page is given.</summary>
    public string FilesDirectory => _files;

    public static async Task<GalleryInBrowser> StartAsync(IDictionary<string, string?> settings)
    {
        var gallery = await GalleryWithFunction.StartAsync(settings);
        try
        {
            var browser = await HeadlessChromium.LaunchAsync();
            return new GalleryInBrowser(gallery, browser, await browser.NewPageAsync(1280, 900));
        }
        catch
        {
            await gallery.DisposeAsync();
            throw;
        }
    }

    /// <summary>Loads the page, waits for its first snapshot of the bucket and defines the helpers.</summary>
    public async Task OpenAsync()
    {
        await Page.NavigateAsync(Gallery.Gallery.BaseAddress);
        await Page.WaitForAsync("document.body.dataset.live === 'true'", Deadline, "the page's first snapshot of the bucket");
        await Page.EvaluateAsync(Helpers);
    }

    public async Task<List<string>> ShownAsync() =>
        [.. (await Page.EvaluateAsync("shown()")).EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>A copy of a sample image under another name, to choose in the file picker.</summary>
    public string File(string sample, string name)
    {
        var path = Path.Combine(_files, name);
        System.IO.File.WriteAllBytes(path, DescribeEndToEndTests.Sample(sample));
        return path;
    }

    /// <summary>A string as a JavaScript literal.</summary>
    public static string Js(string text) => JsonSerializer.Serialize(text);

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await Gallery.DisposeAsync();
        Directory.Delete(_files, recursive: true);
    }
}
