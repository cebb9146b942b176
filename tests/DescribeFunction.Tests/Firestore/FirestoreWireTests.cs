using System.Net;
using DescribeFunction.Firestore;
using DescribeFunction.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DescribeFunction.Tests.Firestore;

/// <summary>Real HTTP on loopback: what actually reaches a server built from the emulator settings.</summary>
public sealed class FirestoreWireTests : IAsyncLifetime
{
    private readonly List<(string Method, string RawTarget, string? Authorization, string? ContentType)> _seen = [];
    private WebApplication? _app;
    private string _hostPort = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(async context =>
        {
            lock (_seen)
            {
                _seen.Add((
                    context.Request.Method,
                    context.Features.Get<IHttpRequestFeature>()!.RawTarget,
                    context.Request.Headers.Authorization.ToString(),
                    context.Request.ContentType));
            }

            context.Response.ContentType = "application/json";
            if (HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("""{"error":{"code":404,"message":"Document not found.","status":"NOT_FOUND"}}""");
            }
            else
            {
                await context.Response.WriteAsync("""{"writeResults":[{"updateTime":"2024-05-06T07:08:10Z"}],"commitTime":"2024-05-06T07:08:10Z"}""");
            }
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _hostPort = new Uri(address).Authority;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task EmulatorClient_SendsEscapedPathsAndOwnerToken()
    {
        using var http = new HttpClient();
        var client = FirestoreClient.Create("demo-project", "(default)", _hostPort, credential: null, http);

        Assert.Null(await client.GetAsync("imageDescriptions", DocumentId.FromObjectName("a%2Fb/c d#.png"), CancellationToken.None));
        await client.CreateAsync("imageDescriptions", "x.png", new DocumentFields().Set("status", "processing"), null, CancellationToken.None);

        Assert.Equal(
            [
                ("GET", "/v1/projects/demo-project/databases/(default)/documents/imageDescriptions/a%25252Fb%252Fc%20d%23.png", "Bearer owner", (string?)null),
                ("POST", "/v1/projects/demo-project/databases/(default)/documents:commit", "Bearer owner", "application/json"),
            ],
            _seen);
    }
}
