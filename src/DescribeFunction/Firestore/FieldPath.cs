using System.Text;

namespace DescribeFunction.Firestore;

/// <summary>Field paths as Firestore masks and transforms spell them: simple names bare, others in backticks.</summary>
public static class FieldPath
{
    /// <summary>The path segment for one field name, quoted when it is not a simple identifier.</summary>
    public static string Quote(string fieldName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fieldName);
        if (IsSimple(fieldName))
        {
            return fieldName;
        }

        var builder = new StringBuilder(fieldName.Length + 2).Append('`');
        foreach (var c in fieldName)
        {
            if (c is '`' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('`').ToString();
    }

    /// <summary>A dotted path from field names, for example <c>Join("usage", "inputTokens")</c>.</summary>
    public static string Join(params ReadOnlySpan<string> fieldNames)
    {
        var segments = new string[fieldNames.Length];
        for (var i = 0; i < fieldNames.Length; i++)
        {
            segments[i] = Quote(fieldNames[i]);
        }

        return string.Join('.', segments);
    }

    private static bool IsSimple(string name)
    {
        if (char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
