using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Tests.Lookups;

/// <summary>The lookups of docs/documents-and-lookups.md, run over REST on descriptions the function wrote, on each Firestore.</summary>
public sealed class LookupTests(LookupFixture fixture) : IClassFixture<LookupFixture>
{
    public static TheoryData<string> Firestores => ["standin", "emulator"];

    private LookupQueries Queries(string firestore) => new(fixture.Firestores[firestore], LocalEnvironment.ProjectId, fixture.Collection);

    [Theory]
    [MemberData(nameof(Firestores))]
    public async Task ById_ReadsOneDocumentWithItsStructuredFields(string firestore)
    {
        var document = await Queries(firestore).GetAsync("trip-square.webp");

        var fields = document!["fields"]!;
        Assert.Equal("done", (string?)fields["status"]!["stringValue"]);
        Assert.Equal("structured", (string?)fields["output"]!["stringValue"]);
        var labels = fields["labels"]!["arrayValue"]!["values"]!.AsArray().Select(v => (string?)v!["stringValue"]);
        Assert.Contains("green", labels);
        Assert.Null(await Queries(firestore).GetAsync("no-such-image.png"));
    }

    [Theory]
    [MemberData(nameof(Firestores))]
    public async Task LabelAndDone_FindsTheDoneImagesWithThatLabelNewestFirst(string firestore)
    {
        var graphics = LookupQueries.Names(await Queries(firestore).WithLabelAsync("graphic"));
        var portraits = LookupQueries.Names(await Queries(firestore).WithLabelAsync("portrait"));
        var boats = await Queries(firestore).WithLabelAsync("boat");

        Assert.Equal(["scan-portrait.png", "trip-square.webp", "trip-portrait.png"], graphics);
        Assert.Equal(["scan-portrait.png", "trip-portrait.png"], portraits);
        Assert.Empty(boats);
    }

    [Theory]
    [MemberData(nameof(Firestores))]
    public async Task NamePrefix_FindsEveryNameUnderItInNameOrder(string firestore)
    {
        var trip = LookupQueries.Names(await Queries(firestore).UnderPrefixAsync("trip-"));
        var scans = LookupQueries.Names(await Queries(firestore).UnderPrefixAsync("scan"));

        Assert.Equal(["trip-portrait.png", "trip-square.webp", "trip-sunset.jpg"], trip);
        Assert.Equal(["scan-portrait.png"], scans);
    }

    [Theory]
    [MemberData(nameof(Firestores))]
    public async Task NewestFirst_PagesWithACursorUntilAnEmptyPage(string firestore)
    {
        var queries = Queries(firestore);

        var first = await queries.NewestPageAsync(2);
        var second = await queries.NewestPageAsync(2, after: first[^1]);
        var third = await queries.NewestPageAsync(2, after: second[^1]);

        Assert.Equal(["scan-portrait.png", "trip-square.webp"], LookupQueries.Names(first));
        Assert.Equal(["trip-portrait.png", "trip-sunset.jpg"], LookupQueries.Names(second));
        Assert.Empty(third);
    }

    [Theory]
    [MemberData(nameof(Firestores))]
    public async Task CountByStatus_CountsEachStatus(string firestore)
    {
        var queries = Queries(firestore);

        Assert.Equal(4, await queries.CountAsync("done"));
        Assert.Equal(2, await queries.CountAsync("failed"));
        Assert.Equal(0, await queries.CountAsync("processing"));
    }
}
