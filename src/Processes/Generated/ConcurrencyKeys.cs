using System;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace Processes.Generated;

/// <summary>
/// Builds the key of a single-instance process from its key inputs (called by generated code):
/// each value's invariant-culture text, escaped and joined, so ("a|b") and ("a", "b") differ.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConcurrencyKeys
{
    /// <summary>The key of these input values, in the order the attribute names them.</summary>
    public static string Of(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var key = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                key.Append('|');
            }

            var text = values[i] switch
            {
                null => "\u2205",
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? string.Empty,
            };
            key.Append(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal));
        }

        return key.ToString();
    }
}
