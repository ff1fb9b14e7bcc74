using System.Text;

namespace Processes.Shared;

/// <summary>
/// The port naming rules: the default name of a member and what a valid name is. Compiled into
/// both the generator, which names the ports (and keeps the first of two with the same name), and
/// the analyzers, which report a duplicate (PRC0010) or invalid (PRC0011) name; documented in
/// <c>docs/diagnostics/PRC0010.md</c>.
/// </summary>
internal static class PortNames
{
    /// <summary>
    /// The snake_case of a member name: an underscore goes before an uppercase letter that follows
    /// a lowercase letter or digit, or that starts a new word after an acronym
    /// (<c>MaxSteps</c> → <c>max_steps</c>, <c>HTTPServer</c> → <c>http_server</c>).
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var index = 0; index < name.Length; index++)
        {
            var current = name[index];
            if (char.IsUpper(current))
            {
                if (index > 0 && StartsWord(name, index))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(current));
            }
            else
            {
                builder.Append(current);
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="name"/> matches <c>^[a-z_][a-z0-9_]*$</c>.</summary>
    public static bool IsValid(string name)
    {
        if (name.Length == 0 || !(IsLowerAscii(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var character in name)
        {
            if (!(IsLowerAscii(character) || character is >= '0' and <= '9' || character == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StartsWord(string name, int index)
    {
        var previous = name[index - 1];
        if (char.IsLower(previous) || char.IsDigit(previous))
        {
            return true;
        }

        // The last capital of an acronym starts the next word: "HTTPServer" splits before "S".
        return char.IsUpper(previous) && index + 1 < name.Length && char.IsLower(name[index + 1]);
    }

    private static bool IsLowerAscii(char character) => character is >= 'a' and <= 'z';
}
