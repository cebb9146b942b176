namespace DescribeFunction.Tests;

/// <summary>Schemas and answers shared by the structured-output tests.</summary>
internal static class SchemaSamples
{
    /// <summary>A custom schema with every supported kind of value: nested objects, an enum, an integer, a nullable.</summary>
    public const string Receipt = """
        {
          "type": "object",
          "properties": {
            "merchant": { "type": "string", "description": "The shop's name." },
            "total": { "type": "number" },
            "items": {
              "type": "array",
              "minItems": 1,
              "maxItems": 3,
              "items": {
                "type": "object",
                "properties": { "name": { "type": "string" }, "quantity": { "type": "integer" } },
                "required": ["name", "quantity"],
                "additionalProperties": false
              }
            },
            "currency": { "type": "string", "enum": ["EUR", "USD"] },
            "notes": { "anyOf": [ { "type": "string" }, { "type": "null" } ] }
          },
          "required": ["merchant", "total", "items", "currency", "notes"],
          "additionalProperties": false
        }
        """;

    public const string ValidDefaultAnswer =
        """{"description":"A red boat on a calm lake.","altText":"A red boat on a lake.","labels":["Boat","lake"," boat "],"visibleText":"","containsPeople":false}""";
}
