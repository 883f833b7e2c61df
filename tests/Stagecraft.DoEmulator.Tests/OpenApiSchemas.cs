using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Stagecraft.DoEmulator.Tests;

/// <summary>
/// JSON Schemas (2020-12) made from the OpenAPI 3.0 subset: <c>#/components/schemas/X</c> refs become
/// <c>#/$defs/X</c>, OAS <c>nullable: true</c> becomes a type union with <c>null</c>, and OAS-only keywords
/// (example, x-*, discriminator, unknown formats) are dropped.
/// </summary>
internal sealed class OpenApiSchemas
{
    private static readonly HashSet<string> ValidatedFormats = ["date-time", "ipv4", "ipv6", "uri", "uuid"];
    private static readonly HashSet<string> SchemaValuedKeywords = ["items", "not", "additionalProperties"];
    private static readonly HashSet<string> SchemaListKeywords = ["allOf", "anyOf", "oneOf"];
    private static readonly HashSet<string> DroppedKeywords = ["example", "examples", "discriminator", "xml", "externalDocs", "nullable"];

    private readonly JsonObject _document;
    private readonly JsonObject _defs;

    private OpenApiSchemas(JsonObject document)
    {
        _document = document;
        _defs = [];
        foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject())
        {
            _defs[name] = Convert(schema!.AsObject());
        }
    }

    public static OpenApiSchemas Load() =>
        new(JsonNode.Parse(File.ReadAllText(SharedFolder.Path("reference", "digitalocean-openapi-subset.json")))!.AsObject());

    /// <summary>The schema of a named response in <c>components/responses</c> (its application/json body).</summary>
    public JsonSchema ForResponse(string name)
    {
        var schema = _document["components"]!["responses"]![name]!["content"]!["application/json"]!["schema"]!.AsObject();
        return Build(Convert(schema));
    }

    /// <summary>The schema of a path operation's response, following a <c>$ref</c> into components/responses.</summary>
    public JsonSchema ForOperation(string path, string method, string status)
    {
        var response = _document["paths"]![path]![method]!["responses"]![status]!.AsObject();
        var reference = (string?)response["$ref"];
        return reference is null
            ? Build(Convert(response["content"]!["application/json"]!["schema"]!.AsObject()))
            : ForResponse(reference.Split('/')[^1]);
    }

    public static JsonObject Convert(JsonObject schema)
    {
        var converted = new JsonObject();
        foreach (var (key, value) in schema)
        {
            if (DroppedKeywords.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal) || value is null)
            {
                continue;
            }

            converted[key] = key switch
            {
                "$ref" => ((string)value!).Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal),
                "properties" => new JsonObject([.. value.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Convert(p.Value!.AsObject())))]),
                "format" when !ValidatedFormats.Contains((string)value!) => null,
                _ when SchemaValuedKeywords.Contains(key) && value is JsonObject inner => Convert(inner),
                _ when SchemaListKeywords.Contains(key) => new JsonArray([.. value.AsArray().Select(s => (JsonNode?)Convert(s!.AsObject()))]),
                _ => value.DeepClone(),
            };
            if (converted[key] is null)
            {
                converted.Remove(key);
            }
        }

        if (schema["nullable"] is JsonValue nullable && nullable.GetValue<bool>())
        {
            return MakeNullable(converted);
        }

        return converted;
    }

    private static JsonObject MakeNullable(JsonObject schema)
    {
        if (schema["enum"] is JsonArray values)
        {
            values.Add(null);
        }

        if (schema["type"] is JsonValue type)
        {
            schema["type"] = new JsonArray((string)type!, "null");
            return schema;
        }

        return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, schema) };
    }

    private JsonSchema Build(JsonObject root)
    {
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = _defs.DeepClone();
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return JsonSchema.FromText(root.ToJsonString(), options, new Uri($"https://stagecraft.test/schemas/{Guid.NewGuid():N}"));
    }
}
