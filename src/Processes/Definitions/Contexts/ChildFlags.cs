using System;

namespace Processes.Runtime;

/// <summary>How a parent treats a child of a fan-out.</summary>
[Flags]
internal enum ChildFlags : byte
{
    None = 0,

    /// <summary>Its failure does not fail the parent: the next step reads it with the other results.</summary>
    CollectErrors = 1,

    /// <summary>Launch it paused, queued for a slot of its fan-out's bound (a launch request, not stored: a paused child of a bounded fan-out counts as queued).</summary>
    Held = 2,
}
