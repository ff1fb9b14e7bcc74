using System.Text;

namespace Processes.Generators;

/// <summary>A small writer of indented C# source with <c>\n</c> line endings.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;
    private int _nameCounter;

    /// <summary>Writes one line at the current indentation (an empty line stays empty).</summary>
    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public void Open(string? header = null)
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        _indent++;
    }

    /// <summary>Unindents and writes <c>}</c> (with an optional suffix such as <c>;</c>).</summary>
    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>Writes <paramref name="items"/> one per line, indented one level and separated by commas, then <paramref name="end"/>.</summary>
    public void Continuation(System.Collections.Generic.IReadOnlyList<string> items, string end)
    {
        _indent++;
        for (var i = 0; i < items.Count; i++)
        {
            Line(items[i] + (i == items.Count - 1 ? end : ","));
        }

        _indent--;
    }

    /// <summary>A local variable name unique within the file.</summary>
    public string Local(string stem) => stem + (++_nameCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => _text.ToString();
}
