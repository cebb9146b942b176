using System.Net;
using System.Text.Json.Nodes;
using DescribeFunction.Local.Faults;
using static DescribeFunction.Tests.Local.Firestore.FirestoreServerFixture;

namespace DescribeFunction.Tests.Local.Firestore;

public sealed class AuthAndFaultTests(FirestoreServerFixture firestore) : IClassFixture<FirestoreServerFixture>
{
    [Fact]
    public async Task Request_WithoutAuthorization_IsUnauthenticated()
    {
        var reply = await firestore.SendAsync(HttpMethod.Get, DocumentUrl(NewCollection(), "doc"), null, null);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("UNAUTHENTICATED", reply.ErrorStatus);
    }

    [Theory]
    [InlineData("Bearer ya29.some-real-token")]
    [InlineData("Basic b3duZXI6")]
    public async Task Request_WithOtherCredential_IsPermissionDenied(string authorization)
    {
        var reply = await firestore.SendAsync(HttpMethod.Post, CommitUrl(), new JsonObject { ["writes"] = new JsonArray() }, authorization);

        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal("PERMISSION_DENIED", reply.ErrorStatus);
    }

    [Fact]
    public async Task InjectedFault_OnCommit_AnswersUnavailable_ThenRecovers()
    {
        firestore.Server.Faults.Add(new FaultPlan { Status = 503, PathContains = ":commit" });
        var name = Name(NewCollection(), "doc");

        var faulted = await firestore.CommitAsync(Update(name, new JsonObject()));
        var retried = await firestore.CommitAsync(Update(name, new JsonObject()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.Status);
        Assert.Equal("UNAVAILABLE", faulted.ErrorStatus);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
    }

    [Fact]
    public async Task UnknownPath_IsGoogleShapedNotFound()
    {
        var reply = await firestore.SendAsync(HttpMethod.Get, "v1/projects/p/somewhere/else/documents");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("NOT_FOUND", reply.ErrorStatus);
    }
}
