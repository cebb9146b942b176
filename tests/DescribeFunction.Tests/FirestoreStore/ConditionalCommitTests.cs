using System.Net;
using DescribeFunction.Firestore;
using DescribeFunction.FirestoreStore;
using DescribeFunction.Retries;
using DescribeFunction.Tests.Firestore;

namespace DescribeFunction.Tests.FirestoreStore;

/// <summary>
/// The one conditional-commit loop of the store (a claim's writes, a re-embedding): which failures it tries again,
/// when it asks the caller whether an earlier try landed, and what it hands back.
/// </summary>
public sealed class ConditionalCommitTests : IDisposable
{
    private const string Committed = """{"writeResults":[{"updateTime":"2024-05-06T07:08:10.123456Z"}],"commitTime":"2024-05-06T07:08:10.123456Z"}""";

    private readonly FakeFirestoreHandler _firestore = new();
    private int _writesAsked;
    private int _readBacks;

    [Fact]
    public async Task CommitAsync_Committed_AnswersWithTheCommitAndReadsNothingBack()
    {
        _firestore.Respond(HttpStatusCode.OK, Committed);

        Assert.Equal("2024-05-06T07:08:10.123456Z", await CommitAsync(landedAnswer: "read back"));
        Assert.Equal(0, _readBacks);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "FAILED_PRECONDITION")]
    [InlineData(HttpStatusCode.NotFound, "NOT_FOUND")]
    public async Task CommitAsync_PreconditionFailsOnTheFirstTry_IsSomeoneElsesWrite(HttpStatusCode status, string googleStatus)
    {
        _firestore.RespondError(status, googleStatus, "changed");

        Assert.Null(await CommitAsync(landedAnswer: "read back"));
        Assert.Equal(0, _readBacks);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "FAILED_PRECONDITION")]
    [InlineData(HttpStatusCode.NotFound, "NOT_FOUND")]
    public async Task CommitAsync_PreconditionFailsOnARetry_AsksWhetherTheEarlierTryLanded(HttpStatusCode status, string googleStatus)
    {
        _firestore.RespondError(HttpStatusCode.Conflict, "ABORTED", "contention").RespondError(status, googleStatus, "changed");

        Assert.Equal("read back", await CommitAsync(landedAnswer: "read back"));
        Assert.Equal(1, _readBacks);
    }

    [Fact]
    public async Task CommitAsync_PreconditionFailsOnARetryAndTheDocumentIsNotOurs_Loses()
    {
        _firestore.RespondError(HttpStatusCode.Conflict, "ABORTED", "contention").RespondError(HttpStatusCode.BadRequest, "FAILED_PRECONDITION", "changed");

        Assert.Null(await CommitAsync(landedAnswer: null));
        Assert.Equal(1, _readBacks);
    }

    [Fact]
    public async Task CommitAsync_AbortedTwice_AsksForTheWritesOnEveryTry()
    {
        _firestore.RespondError(HttpStatusCode.Conflict, "ABORTED", "contention")
            .RespondError(HttpStatusCode.Conflict, "ABORTED", "contention")
            .Respond(HttpStatusCode.OK, Committed);

        Assert.Equal("2024-05-06T07:08:10.123456Z", await CommitAsync(landedAnswer: null));
        Assert.Equal(3, _writesAsked);
        Assert.Equal(3, _firestore.Requests.Count);
    }

    [Fact]
    public async Task CommitAsync_AbortedOnEveryTry_GivesUpAfterMaxAttempts()
    {
        for (var i = 0; i < ConditionalCommit.MaxAttempts; i++)
        {
            _firestore.RespondError(HttpStatusCode.Conflict, "ABORTED", "contention");
        }

        var e = await Assert.ThrowsAsync<FirestoreException>(() => CommitAsync(landedAnswer: null));

        Assert.Equal(FirestoreStatus.Aborted, e.Status);
        Assert.Equal(ConditionalCommit.MaxAttempts, _firestore.Requests.Count);
        Assert.Equal(0, _readBacks);
    }

    [Fact]
    public async Task CommitAsync_AValueAnswer_IsFalseWhenTheWriteLost()
    {
        _firestore.RespondError(HttpStatusCode.BadRequest, "FAILED_PRECONDITION", "changed");
        var commits = new ConditionalCommit(FakeFirestoreHandler.Client(_firestore), TimeProvider.System, Backoff.None);

        Assert.False(await commits.CommitAsync(Writes, _ => true, () => Task.FromResult(true), CancellationToken.None));
    }

    public void Dispose() => _firestore.Dispose();

    private Task<string?> CommitAsync(string? landedAnswer)
    {
        var commits = new ConditionalCommit(FakeFirestoreHandler.Client(_firestore), TimeProvider.System, Backoff.None);
        return commits.CommitAsync(
            Writes,
            result => result.WriteResults[0].UpdateTimeRaw!,
            () =>
            {
                _readBacks++;
                return Task.FromResult(landedAnswer);
            },
            CancellationToken.None);
    }

    private FirestoreWrite[] Writes()
    {
        _writesAsked++;
        return [FirestoreWrite.Update("c", "d", new DocumentFields().Set("a", 1L), FirestorePrecondition.UpdateTime("2024-05-06T07:08:09.000001Z"))];
    }
}
