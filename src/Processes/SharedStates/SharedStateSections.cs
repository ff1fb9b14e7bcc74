using System;
using System.Collections.Generic;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>
/// Reads the name-keyed sections shared states are stored as, without their types: which members
/// a change altered (compared by their serialized bytes), and whether bytes from a remote client
/// are a well-formed section at all.
/// </summary>
internal static class SharedStateSections
{
    /// <summary>The members of <paramref name="after"/> whose bytes differ from <paramref name="before"/> (null: every member), plus members <paramref name="before"/> had and <paramref name="after"/> lacks.</summary>
    public static string[] ChangedMembers(ReadOnlySpan<byte> before, bool hasBefore, ReadOnlySpan<byte> after)
    {
        var previous = new Dictionary<string, (int Start, int Length)>(StringComparer.Ordinal);
        if (hasBefore)
        {
            Index(before, previous);
        }

        var current = new Dictionary<string, (int Start, int Length)>(StringComparer.Ordinal);
        var order = Index(after, current);
        var changed = new List<string>();
        foreach (var name in order)
        {
            var now = current[name];
            if (!previous.TryGetValue(name, out var then)
                || !before.Slice(then.Start, then.Length).SequenceEqual(after.Slice(now.Start, now.Length)))
            {
                changed.Add(name);
            }
        }

        foreach (var name in previous.Keys)
        {
            if (!current.ContainsKey(name))
            {
                changed.Add(name);
            }
        }

        return changed.ToArray();
    }

    /// <summary>Every member name of a section, in order.</summary>
    public static string[] MemberNames(ReadOnlySpan<byte> section) =>
        Index(section, new Dictionary<string, (int Start, int Length)>(StringComparer.Ordinal)).ToArray();

    /// <summary>Throws <see cref="ProcessSerializationException"/> unless <paramref name="section"/> is exactly one well-formed name-keyed section.</summary>
    public static void Validate(ReadOnlySpan<byte> section) => Index(section, new Dictionary<string, (int Start, int Length)>(StringComparer.Ordinal));

    private static List<string> Index(ReadOnlySpan<byte> section, Dictionary<string, (int Start, int Length)> members)
    {
        var order = new List<string>();
        var reader = new ProcessReader(section);
        for (var count = reader.ReadSectionHeader(); count > 0; count--)
        {
            var member = reader.ReadSectionMember("state", out var name);
            var length = member.Remaining;
            if (!members.TryAdd(name, (reader.Offset - length, length)))
            {
                throw new ProcessSerializationException($"The member '{name}' appears twice.", reader.Offset);
            }

            order.Add(name);
        }

        reader.EnsureAtEnd();
        return order;
    }
}
