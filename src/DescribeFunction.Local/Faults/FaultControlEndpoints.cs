namespace DescribeFunction.Local.Faults;

/// <summary><c>POST /_faults</c> queues a plan (JSON <see cref="FaultPlan"/>); <c>DELETE /_faults</c> clears them.</summary>
public static class FaultControlEndpoints
{
    public const string Path = "/_faults";

    public static void Map(WebApplication app)
    {
        app.MapPost(Path, async (HttpContext context, FaultInjector faults) =>
        {
            var plan = await context.Request.ReadFromJsonAsync(FaultJsonContext.Default.FaultPlan, context.RequestAborted);
            if (plan is null)
            {
                return Results.BadRequest();
            }

            faults.Add(plan);
            return Results.NoContent();
        });
        app.MapDelete(Path, (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
    }
}
