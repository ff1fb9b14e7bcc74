using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Processes.Benchmarks.BuildCost;

/// <summary>
/// Edits one method body in one of the corpus files and counts which generated files the
/// generator produced again: output steps whose reason is neither Cached nor Unchanged. Two
/// cross-checks are kept as facts: files whose text changed, and generated trees that are not
/// the very same object as before (Roslyn 4.8's driver hands out new tree objects for every
/// output on every run, even with no edit at all, so identity cannot serve as the count).
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
        var rerunWithoutEdit = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        var rerunOutputs = after.TrackedOutputSteps
            .SelectMany(pair => pair.Value)
            .SelectMany(step => step.Outputs)
            .Count(output => output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

        return new RegeneratedFiles(
            after.GeneratedSources.Length,
            rerunOutputs,
            ChangedNames(before, after),
            CountNewTreeObjects(before, after),
            CountNewTreeObjects(before, rerunWithoutEdit));
    }

    private static int CountNewTreeObjects(GeneratorRunResult before, GeneratorRunResult after)
    {
        var treesBefore = before.GeneratedSources.ToDictionary(source => source.HintName, source => source.SyntaxTree);
        return after.GeneratedSources.Count(source =>
            !treesBefore.TryGetValue(source.HintName, out var earlier) || !ReferenceEquals(earlier, source.SyntaxTree));
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
/// re-ran by its own step tracking (the count), which files changed text, and how many trees
/// are new objects after the edit and after a rerun with no edit (the control).
/// </summary>
internal sealed record RegeneratedFiles(
    int GeneratedFileCount,
    int Regenerated,
    IReadOnlyList<string> FilesWithChangedText,
    int NewTreeObjectsAfterEdit,
    int NewTreeObjectsWithoutEdit);
