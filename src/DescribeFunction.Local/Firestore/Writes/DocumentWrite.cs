using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

internal enum WriteKind
{
    /// <summary>Set fields: all of them (no mask) or those the mask names.</summary>
    Update,

    Delete,

    /// <summary>The older stand-alone <c>transform</c> write: only server-side transforms.</summary>
    Transform,
}

/// <summary>One validated write of a commit.</summary>
internal sealed record DocumentWrite(
    WriteKind Kind,
    DocumentPath Path,
    JsonObject Fields,
    IReadOnlyList<ParsedFieldPath>? Mask,
    IReadOnlyList<FieldTransform> Transforms,
    Precondition? Precondition);

internal sealed record StoredDocument(JsonObject Fields, long CreateMicros, long UpdateMicros);

/// <summary>What a write did: the document as it now stands (null after a delete) and the transform results.</summary>
internal sealed record WriteOutcome(StoredDocument? Document, IReadOnlyList<JsonObject> TransformResults);

internal sealed record CommitOutcome(long CommitMicros, IReadOnlyList<WriteOutcome> Writes);
