using Processes;

namespace Census;

/// <summary>What one child task found; kept in the census's checkpointed state.</summary>
[ProcessData]
public partial record ChunkResult(long From, long To, int Count, long Largest);
