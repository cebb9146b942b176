using System.Globalization;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// Applies field transforms the way Firestore documents them (<c>DocumentTransform.FieldTransform</c>): increment,
/// maximum and minimum set a missing or non-numeric field to the operand; integer arithmetic saturates at the int64
/// limits; a double on either side makes the result a double; the array transforms start from an empty array when
/// the field is not one, compare elements by Firestore equality (1 == 1.0, NaN == NaN) and return null as their result.
/// </summary>
internal static class TransformApplier
{
    /// <summary>Applies one transform to <paramref name="fields"/> and returns its <c>transformResults</c> entry.</summary>
    public static JsonObject Apply(JsonObject fields, FieldTransform transform, long requestMicros)
    {
        var current = FieldAccess.Get(fields, transform.Path);
        var (value, result) = transform.Kind switch
        {
            TransformKind.RequestTime => Same(new JsonObject { ["timestampValue"] = StoredTimestamp.Format(requestMicros) }),
            TransformKind.Increment => Same(Increment(current, transform.Operand!)),
            TransformKind.Maximum => Same(Extreme(current, transform.Operand!, wantLarger: true)),
            TransformKind.Minimum => Same(Extreme(current, transform.Operand!, wantLarger: false)),
            TransformKind.AppendMissingElements => (Append(current, transform.Elements), Null()),
            _ => (Remove(current, transform.Elements), Null()),
        };
        FieldAccess.Set(fields, transform.Path, value);
        return result;
    }

    private static (JsonObject Value, JsonObject Result) Same(JsonObject value) => (value, (JsonObject)value.DeepClone());

    private static JsonObject Null() => new() { ["nullValue"] = null };

    private static JsonObject Increment(JsonObject? current, JsonObject operand)
    {
        if (current is null || !ValueOrder.IsNumber(current))
        {
            return (JsonObject)operand.DeepClone();
        }

        if (current.ContainsKey("integerValue") && operand.ContainsKey("integerValue"))
        {
            var a = ValueOrder.Integer(current);
            var b = ValueOrder.Integer(operand);
            var sum = a + b;
            if (((a ^ sum) & (b ^ sum)) < 0)
            {
                sum = a < 0 ? long.MinValue : long.MaxValue;
            }

            return Integer(sum);
        }

        return Double(AsDouble(current) + AsDouble(operand));
    }

    /// <summary>Equal operands (3 and 3.0, 0 and -0.0) keep the stored value; NaN on either side wins.</summary>
    private static JsonObject Extreme(JsonObject? current, JsonObject operand, bool wantLarger)
    {
        if (current is null || !ValueOrder.IsNumber(current))
        {
            return (JsonObject)operand.DeepClone();
        }

        if (ValueOrder.IsNaN(current))
        {
            return (JsonObject)current.DeepClone();
        }

        if (ValueOrder.IsNaN(operand))
        {
            return (JsonObject)operand.DeepClone();
        }

        var order = ValueOrder.Compare(operand, current);
        var replace = wantLarger ? order > 0 : order < 0;
        return (JsonObject)(replace ? operand : current).DeepClone();
    }

    private static JsonObject Append(JsonObject? current, IReadOnlyList<JsonObject> elements)
    {
        var values = current?.ContainsKey("arrayValue") == true
            ? ValueOrder.Elements(current).Select(e => (JsonObject)e!.DeepClone()).ToList()
            : [];
        foreach (var element in elements)
        {
            if (!values.Any(v => ValueOrder.AreEqual(v, element)))
            {
                values.Add((JsonObject)element.DeepClone());
            }
        }

        return Array(values);
    }

    private static JsonObject Remove(JsonObject? current, IReadOnlyList<JsonObject> elements)
    {
        var values = current?.ContainsKey("arrayValue") == true
            ? ValueOrder.Elements(current).Select(e => (JsonObject)e!).Where(v => !elements.Any(r => ValueOrder.AreEqual(v, r)))
                .Select(v => (JsonObject)v.DeepClone()).ToList()
            : [];
        return Array(values);
    }

    private static JsonObject Array(List<JsonObject> values) =>
        new() { ["arrayValue"] = values.Count == 0 ? new JsonObject() : new JsonObject { ["values"] = new JsonArray([.. values]) } };

    private static double AsDouble(JsonObject number) =>
        number.ContainsKey("integerValue") ? ValueOrder.Integer(number) : ValueOrder.Double(number);

    private static JsonObject Integer(long value) => new() { ["integerValue"] = value.ToString(CultureInfo.InvariantCulture) };

    private static JsonObject Double(double value) => new() { ["doubleValue"] = ValueNormalizer.DoubleNode(value) };
}
