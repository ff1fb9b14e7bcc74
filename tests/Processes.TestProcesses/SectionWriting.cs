using System;
using Processes.Serialization;

namespace Processes.TestProcesses;

/// <summary>Writes one member of a version-tolerant section, as generated descriptors do.</summary>
internal static class SectionWriting
{
    public static void Member(ProcessWriter writer, string name, Action<ProcessWriter> write)
    {
        writer.WriteMemberName(name);
        var mark = writer.BeginLengthPrefixed();
        write(writer);
        writer.EndLengthPrefixed(mark);
    }
}
