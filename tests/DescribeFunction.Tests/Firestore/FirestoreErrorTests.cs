using System.Net;
using DescribeFunction.Firestore;

namespace DescribeFunction.Tests.Firestore;

public class FirestoreErrorTests
{
    private static readonly DocumentFields Fields = new DocumentFields().Set("status", "processing");

    [Fact]
    public async Task Conflict_AlreadyExists_IsNotTransient()
    {
        var handler = new FakeFirestoreHandler().RespondError(
            HttpStatusCode.Conflict, "ALREADY_EXISTS",
            "Document already exists: projects/my-project/databases/(default)/documents/imageDescriptions/a.png");
        var client = FakeFirestoreHandler.Client(handler, new SequenceAuth("secret-token"));

        var error = await Assert.ThrowsAsync<FirestoreException>(
            () => client.CreateAsync("imageDescriptions", "a.png", Fields, null, CancellationToken.None));

        Assert.Equal(FirestoreStatus.AlreadyExists, error.Status);
        Assert.Equal(409, error.HttpStatus);
        Assert.False(error.IsTransient);
        Assert.Equal(
            "Firestore commit of imageDescriptions/a.png failed with ALREADY_EXISTS (HTTP 409): Document already exists: " +
            "projects/my-project/databases/(default)/documents/imageDescriptions/a.png.",
            error.Message);
        Assert.DoesNotContain("secret-token", error.ToString(), StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Conflict_Aborted_IsTransientButNotRetriedByTheClient()
    {
        var handler = new FakeFirestoreHandler()
            .RespondError(HttpStatusCode.Conflict, "ABORTED", "Too much contention on these documents. Please try again.");
        var client = FakeFirestoreHandler.Client(handler);

        var error = await Assert.ThrowsAsync<FirestoreException>(
            () => client.UpdateAsync("imageDescriptions", "a.png", Fields, FirestorePrecondition.MustExist, null, CancellationToken.None));

        Assert.Equal(FirestoreStatus.Aborted, error.Status);
        Assert.True(error.IsTransient);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task FailedPrecondition_IsReported()
    {
        var handler = new FakeFirestoreHandler()
            .RespondError(HttpStatusCode.BadRequest, "FAILED_PRECONDITION", "the stored version does not match the required base version.");
        var client = FakeFirestoreHandler.Client(handler);

        var error = await Assert.ThrowsAsync<FirestoreException>(() => client.UpdateAsync(
            "imageDescriptions", "a.png", Fields, FirestorePrecondition.UpdateTime("2024-05-06T07:08:09Z"), null, CancellationToken.None));

        Assert.Equal(FirestoreStatus.FailedPrecondition, error.Status);
        Assert.Equal(400, error.HttpStatus);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Unavailable_IsRetriedThenSucceeds_WithAFreshTokenOnEveryAttempt()
    {
        var handler = new FakeFirestoreHandler()
            .RespondError(HttpStatusCode.ServiceUnavailable, "UNAVAILABLE", "The service is currently unavailable.")
            .FailToConnect()
            .Respond(HttpStatusCode.OK, """{"writeResults":[{"updateTime":"2024-05-06T07:08:10Z"}],"commitTime":"2024-05-06T07:08:10Z"}""");
        var client = FakeFirestoreHandler.Client(handler, new SequenceAuth("t1", "t2", "t3"));

        var result = await client.CreateAsync("imageDescriptions", "a.png", Fields, null, CancellationToken.None);

        Assert.Equal("2024-05-06T07:08:10Z", result.UpdateTimeRaw);
        Assert.Equal(["Bearer t1", "Bearer t2", "Bearer t3"], handler.Requests.Select(r => r.Authorization));
        Assert.Single(handler.Requests.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task Unavailable_GivesUpAfterThreeAttempts()
    {
        var handler = new FakeFirestoreHandler();
        for (var i = 0; i < 3; i++)
        {
            handler.Respond(HttpStatusCode.ServiceUnavailable, "<html>Service Unavailable</html>");
        }

        var client = FakeFirestoreHandler.Client(handler);

        var error = await Assert.ThrowsAsync<FirestoreException>(
            () => client.GetAsync("imageDescriptions", "a.png", CancellationToken.None));

        Assert.Equal(FirestoreStatus.Unavailable, error.Status);
        Assert.Equal(503, error.HttpStatus);
        Assert.True(error.IsTransient);
        Assert.Equal("Firestore get of imageDescriptions/a.png failed with UNAVAILABLE (HTTP 503).", error.Message);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task ConnectionFailure_AfterRetries_IsUnavailableWithNoHttpStatus()
    {
        var handler = new FakeFirestoreHandler().FailToConnect().FailToConnect().FailToConnect();
        var client = FakeFirestoreHandler.Client(handler);

        var error = await Assert.ThrowsAsync<FirestoreException>(
            () => client.BatchGetAsync([("imageDescriptions", "a.png")], CancellationToken.None));

        Assert.Equal(FirestoreStatus.Unavailable, error.Status);
        Assert.Null(error.HttpStatus);
        Assert.True(error.IsTransient);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Internal_IsTransientButNotRetried()
    {
        var handler = new FakeFirestoreHandler().RespondError(HttpStatusCode.InternalServerError, "INTERNAL", "Internal error.");
        var client = FakeFirestoreHandler.Client(handler);

        var error = await Assert.ThrowsAsync<FirestoreException>(
            () => client.GetAsync("imageDescriptions", "a.png", CancellationToken.None));

        Assert.Equal(FirestoreStatus.Internal, error.Status);
        Assert.True(error.IsTransient);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task HttpTimeout_IsDeadlineExceeded_AndNotRetried()
    {
        var handler = new FakeFirestoreHandler().TimeOut();
        var client = FakeFirestoreHandler.Client(handler);

        var error = await Assert.ThrowsAsync<FirestoreException>(
            () => client.CreateAsync("imageDescriptions", "a.png", Fields, null, CancellationToken.None));

        Assert.Equal(FirestoreStatus.DeadlineExceeded, error.Status);
        Assert.True(error.IsTransient);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task CallerCancellation_IsNotWrapped()
    {
        var handler = new FakeFirestoreHandler();
        var client = FakeFirestoreHandler.Client(handler);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(
            () => client.GetAsync("imageDescriptions", "a.png", cancelled.Token));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task NotFoundOnCommit_IsAnError()
    {
        var handler = new FakeFirestoreHandler().RespondError(HttpStatusCode.NotFound, "NOT_FOUND", "No document to update: x");
        var client = FakeFirestoreHandler.Client(handler);

        var error = await Assert.ThrowsAsync<FirestoreException>(() => client.UpdateAsync(
            "imageDescriptions", "a.png", Fields, FirestorePrecondition.MustExist, null, CancellationToken.None));

        Assert.Equal(FirestoreStatus.NotFound, error.Status);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task EveryRequest_AsksForItsOwnToken()
    {
        var handler = new FakeFirestoreHandler()
            .RespondError(HttpStatusCode.NotFound, "NOT_FOUND", "missing")
            .RespondError(HttpStatusCode.NotFound, "NOT_FOUND", "missing");
        var auth = new SequenceAuth("first", "second");
        var client = FakeFirestoreHandler.Client(handler, auth);

        await client.GetAsync("imageDescriptions", "a.png", CancellationToken.None);
        await client.GetAsync("imageDescriptions", "a.png", CancellationToken.None);

        Assert.Equal(2, auth.Calls);
        Assert.Equal(["Bearer first", "Bearer second"], handler.Requests.Select(r => r.Authorization));
    }
}
