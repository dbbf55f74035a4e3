using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Lgsp.Adapters.Sdk.Json;

/// <summary>
/// Reads a member that an upstream sends as an object when there is one item and as an array when there are
/// several (the usual trace of an XML-to-JSON conversion, e.g. the business registry's <c>Representatives</c>).
/// Writes an array. Anything else (a string, a number) is a <see cref="JsonException"/>, i.e. a bad response.
/// </summary>
public sealed class OneOrManyJsonConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var item = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject:
                return [JsonSerializer.Deserialize(ref reader, item)!];
            case JsonTokenType.StartArray:
                var items = new List<T>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(JsonSerializer.Deserialize(ref reader, item) ?? throw new JsonException("A null item in a list."));
                }

                return items;
            default:
                throw new JsonException($"Expected an object or an array, found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var item = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (var v in value)
        {
            JsonSerializer.Serialize(writer, v, item);
        }

        writer.WriteEndArray();
    }
}
