using System.Text.Json;

namespace DescribeFunction.Firestore;

/// <summary>Request bodies of <c>documents:commit</c> and <c>documents:batchGet</c>, written field by field.</summary>
internal static class FirestoreRequestBodies
{
    public static byte[] Commit(FirestorePaths paths, IReadOnlyList<FirestoreWrite> writes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("writes");
            foreach (var write in writes)
            {
                WriteWrite(writer, paths, write);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] BatchGet(IEnumerable<string> documentNames)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("documents");
            foreach (var name in documentNames)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteWrite(Utf8JsonWriter writer, FirestorePaths paths, FirestoreWrite write)
    {
        var name = paths.DocumentName(write.Collection, write.DocumentId);
        writer.WriteStartObject();
        if (write.Fields is null)
        {
            writer.WriteString("delete", name);
        }
        else
        {
            writer.WriteStartObject("update");
            writer.WriteString("name", name);
            writer.WritePropertyName("fields");
            FirestoreValue.WriteFields(writer, write.Fields);
            writer.WriteEndObject();
            WriteMaskAndTransforms(writer, write);
        }

        WritePrecondition(writer, write.Precondition);
        writer.WriteEndObject();
    }

    private static void WriteMaskAndTransforms(Utf8JsonWriter writer, FirestoreWrite write)
    {
        if (write.UpdateMask is { } mask)
        {
            writer.WriteStartObject("updateMask");
            writer.WriteStartArray("fieldPaths");
            foreach (var path in mask)
            {
                writer.WriteStringValue(path);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        if (write.ServerTimestampFields.Count > 0 || write.Increments.Count > 0)
        {
            writer.WriteStartArray("updateTransforms");
            foreach (var path in write.ServerTimestampFields)
            {
                writer.WriteStartObject();
                writer.WriteString("fieldPath", path);
                writer.WriteString("setToServerValue", "REQUEST_TIME");
                writer.WriteEndObject();
            }

            foreach (var (path, amount) in write.Increments)
            {
                writer.WriteStartObject();
                writer.WriteString("fieldPath", path);
                writer.WriteStartObject("increment");
                writer.WriteString("integerValue", amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }

    private static void WritePrecondition(Utf8JsonWriter writer, FirestorePrecondition precondition)
    {
        if (precondition.IsNone)
        {
            return;
        }

        writer.WriteStartObject("currentDocument");
        if (precondition.DocumentExists is { } exists)
        {
            writer.WriteBoolean("exists", exists);
        }
        else
        {
            writer.WriteString("updateTime", precondition.UpdateTimeRaw);
        }

        writer.WriteEndObject();
    }
}
