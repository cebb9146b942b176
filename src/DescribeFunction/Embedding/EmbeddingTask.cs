namespace DescribeFunction.Embedding;

/// <summary>What a vector is for: Vertex AI's task types tune the vector to its side of a retrieval.</summary>
public enum EmbeddingTask
{
    /// <summary>A description being stored (<c>RETRIEVAL_DOCUMENT</c>).</summary>
    Document,

    /// <summary>A search query (<c>RETRIEVAL_QUERY</c>).</summary>
    Query,
}

public static class EmbeddingTasks
{
    /// <summary>The <c>task_type</c> Vertex AI's <c>:predict</c> takes.</summary>
    public static string WireName(this EmbeddingTask task) => task == EmbeddingTask.Query ? "RETRIEVAL_QUERY" : "RETRIEVAL_DOCUMENT";
}
