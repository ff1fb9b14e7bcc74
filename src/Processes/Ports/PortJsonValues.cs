using System;
using System.Globalization;
using System.Text.Json;

namespace Processes.Ports;

/// <summary>
/// Reads one JSON value as a leaf port's type, without reflection: the supported types are named
/// one by one (strings, booleans, integers, floating point and decimal numbers, <see cref="Guid"/>,
/// <see cref="DateTime"/>, <see cref="DateTimeOffset"/>, <see cref="TimeSpan"/>, and their nullable forms).
/// </summary>
internal static class PortJsonValues
{
    /// <summary>Converts <paramref name="json"/> to <typeparamref name="T"/>, or returns an error message saying what was expected.</summary>
    public static string? TryRead<T>(JsonElement json, out object? value)
    {
        value = null;
        if (json.ValueKind == JsonValueKind.Null)
        {
            return null;   // null: the port's own rules decide (missing, or valid for a nullable type)
        }

        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (type == typeof(string))
        {
            return json.ValueKind == JsonValueKind.String ? Set(json.GetString(), out value) : Expected("a JSON string", json);
        }

        if (type == typeof(bool))
        {
            return json.ValueKind is JsonValueKind.True or JsonValueKind.False ? Set(json.GetBoolean(), out value) : Expected("true or false", json);
        }

        if (json.ValueKind == JsonValueKind.Number)
        {
            if (type == typeof(int)) return json.TryGetInt32(out var number) ? Set(number, out value) : Expected("a 32-bit integer", json);
            if (type == typeof(long)) return json.TryGetInt64(out var number) ? Set(number, out value) : Expected("a 64-bit integer", json);
            if (type == typeof(short)) return json.TryGetInt16(out var number) ? Set(number, out value) : Expected("a 16-bit integer", json);
            if (type == typeof(byte)) return json.TryGetByte(out var number) ? Set(number, out value) : Expected("an integer from 0 to 255", json);
            if (type == typeof(double)) return json.TryGetDouble(out var number) ? Set(number, out value) : Expected("a number", json);
            if (type == typeof(float)) return json.TryGetSingle(out var number) ? Set(number, out value) : Expected("a number", json);
            if (type == typeof(decimal)) return json.TryGetDecimal(out var number) ? Set(number, out value) : Expected("a decimal number", json);
        }

        if (json.ValueKind == JsonValueKind.String)
        {
            var text = json.GetString()!;
            if (type == typeof(Guid)) return Guid.TryParse(text, out var guid) ? Set(guid, out value) : Expected("a GUID string", json);
            if (type == typeof(DateTimeOffset)) return json.TryGetDateTimeOffset(out var moment) ? Set(moment, out value) : Expected("an ISO 8601 date and time", json);
            if (type == typeof(DateTime)) return json.TryGetDateTime(out var moment) ? Set(moment, out value) : Expected("an ISO 8601 date and time", json);
            if (type == typeof(TimeSpan)) return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? Set(span, out value) : Expected("a time span ([d.]hh:mm:ss)", json);
        }

        return IsNumeric(type) ? Expected("a JSON number", json) : $"a port of type {type.Name} cannot be given as JSON";
    }

    private static bool IsNumeric(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
        || type == typeof(double) || type == typeof(float) || type == typeof(decimal);

    private static string? Set(object? converted, out object? value)
    {
        value = converted;
        return null;
    }

    private static string Expected(string what, JsonElement json) =>
        $"must be {what}, but was {(json.ValueKind == JsonValueKind.String ? "the string " + json.GetRawText() : json.GetRawText())}";
}
