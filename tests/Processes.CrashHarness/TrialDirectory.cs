using System.IO;

namespace Processes.CrashHarness;

/// <summary>The temporary directory of one trial (its store and ledger).</summary>
internal static class TrialDirectory
{
    /// <summary>Removes it, best effort: a file a killed process still held open must not fail the report.</summary>
    public static void Delete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
