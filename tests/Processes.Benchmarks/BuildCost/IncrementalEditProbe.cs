using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Processes.Benchmarks.BuildCost;

/// <summary>
/// Edits one method body in one of the corpus files and counts which generated files the
/// generator produced again. Two independent counts: output steps whose reason is neither
/// Cached nor Unchanged, and generated trees that are not the very same object as before.
/// </summary>
internal static class IncrementalEditProbe
{
    public static RegeneratedFiles RunOnce()
    {
        var trees = ProcessSourceCorpus.ParseAll();
        var compilation = InMemoryBuild.CreateCompilation(trees);
        var driver = InMemoryBuild.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single();

        var edited = compilation.ReplaceSyntaxTree(trees[0], ProcessSourceCorpus.WithStepBodyEdited(trees[0]));
        var after = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var rerunOutputs = after.TrackedOutputSteps
            .SelectMany(pair => pair.Value)
            .SelectMany(step => step.Outputs)
            .Count(output => output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

        var treesBefore = before.GeneratedSources.ToDictionary(source => source.HintName, source => source.SyntaxTree);
        var newTrees = after.GeneratedSources.Count(source =>
            !treesBefore.TryGetValue(source.HintName, out var earlier) || !ReferenceEquals(earlier, source.SyntaxTree));

        return new RegeneratedFiles(after.GeneratedSources.Length, rerunOutputs, newTrees, ChangedNames(before, after));
    }

    private static IReadOnlyList<string> ChangedNames(GeneratorRunResult before, GeneratorRunResult after)
    {
        var textBefore = before.GeneratedSources.ToDictionary(source => source.HintName, source => source.SourceText.ToString());
        return after.GeneratedSources
            .Where(source => !textBefore.TryGetValue(source.HintName, out var earlier) || earlier != source.SourceText.ToString())
            .Select(source => source.HintName)
            .ToList();
    }
}

/// <summary>
/// The result of <see cref="IncrementalEditProbe"/>: how many files there are, how many the driver
/// re-ran by its own step tracking, how many trees are new objects, and which files changed text.
/// </summary>
internal sealed record RegeneratedFiles(int GeneratedFileCount, int OutputsNotCached, int TreesNotReused, IReadOnlyList<string> FilesWithChangedText)
{
    public int Regenerated => System.Math.Max(OutputsNotCached, TreesNotReused);
}
