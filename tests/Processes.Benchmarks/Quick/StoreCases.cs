using System.Collections.Generic;
using System.Linq;
using Processes.Benchmarks.StoreScale;

namespace Processes.Benchmarks.Quick;

/// <summary>
/// The checkpoint-store cases: the file, SQLite and PostgreSQL stores at 10,000 stored checkpoints against the
/// same at 100; the PostgreSQL store against raw Npgsql on the same server.
/// </summary>
internal static class StoreCases
{
    private const double MaxGrowth = 1.5;
    private const double MaxPostgresSaveOverRawUpsert = 3.0;

    public static CaseResult StorePostgres()
    {
        var figures = PostgresStoreProbe.MeasureAsync().GetAwaiter().GetResult();
        var saveRatio = figures.SaveNanoseconds / figures.RawUpsertNanoseconds;
        var continueRatio = figures.ContinueNanoseconds / figures.RawReadNanoseconds;
        var facts = new Dictionary<string, double>
        {
            ["checkpointDataBytes"] = figures.CheckpointBytes,
            ["saveRounds"] = PostgresStoreProbe.SaveRounds,
            ["continueRounds"] = PostgresStoreProbe.ContinueRounds,
            ["saveOverRawUpsert"] = System.Math.Round(saveRatio, 3),
            ["continueOverRawRead"] = System.Math.Round(continueRatio, 3),
        };
        return new CaseResult(
            "store-postgres",
            $"fenced save {Format.Duration(figures.SaveNanoseconds)}; continue {Format.Duration(figures.ContinueNanoseconds)}",
            $"raw Npgsql upsert of the same {figures.CheckpointBytes:N0} B {Format.Duration(figures.RawUpsertNanoseconds)}; raw read of the 4 checkpoints' bytes {Format.Duration(figures.RawReadNanoseconds)}",
            $"save {Format.Ratio(saveRatio)}, continue {Format.Ratio(continueRatio)}",
            $"save ≤ {Format.Number(MaxPostgresSaveOverRawUpsert)}× raw upsert",
            [new TargetCheck("save over raw upsert", saveRatio, MaxPostgresSaveOverRawUpsert, AtMost: true)],
            [
                new Measurement("PostgresSave", figures.SaveNanoseconds, null),
                new Measurement("PostgresRawUpsert", figures.RawUpsertNanoseconds, null),
                new Measurement("PostgresContinue", figures.ContinueNanoseconds, null),
                new Measurement("PostgresRawRead", figures.RawReadNanoseconds, null),
            ],
            facts);
    }

    public static CaseResult StoreScale()
    {
        var (figures, checkpointBytes) = StoreScaleProbe.MeasureAsync().GetAwaiter().GetResult();
        var file = Growth(figures, StoreKind.File);
        var sqlite = Growth(figures, StoreKind.Sqlite);
        var postgres = Growth(figures, StoreKind.Postgres);
        var facts = new Dictionary<string, double>
        {
            ["smallStore"] = StoreScaleProbe.SmallStore,
            ["largeStore"] = StoreScaleProbe.LargeStore,
            ["checkpointDataBytes"] = checkpointBytes,
            ["saveRounds"] = StoreScaleProbe.SaveRounds,
            ["continueRounds"] = StoreScaleProbe.ContinueRounds,
            ["fileSaveOverRawAtLarge"] = System.Math.Round(file.Large.SaveNanoseconds / file.Large.RawWriteNanoseconds, 3),
            ["sqliteSaveOverRawAtLarge"] = System.Math.Round(sqlite.Large.SaveNanoseconds / sqlite.Large.RawWriteNanoseconds, 3),
            ["fileSaveOverInPlaceAtLarge"] = System.Math.Round(file.Large.SaveNanoseconds / file.Large.InPlaceWriteNanoseconds, 3),
            ["sqliteSaveOverInPlaceAtLarge"] = System.Math.Round(sqlite.Large.SaveNanoseconds / sqlite.Large.InPlaceWriteNanoseconds, 3),
            ["fileFillSecondsAtLarge"] = System.Math.Round(file.Large.FillTime.TotalSeconds, 1),
            ["sqliteFillSecondsAtLarge"] = System.Math.Round(sqlite.Large.FillTime.TotalSeconds, 1),
            ["postgresFillSecondsAtLarge"] = System.Math.Round(postgres.Large.FillTime.TotalSeconds, 1),
        };
        return new CaseResult(
            "store-scale",
            $"at 100 → 10,000 stored: file {Times(file)}; SQLite {Times(sqlite)}; PostgreSQL {Times(postgres)}",
            $"same at 100; raw write+fsync+rename of the {checkpointBytes:N0} B at 10,000: {Format.Duration(file.Large.RawWriteNanoseconds)} (file dir), {Format.Duration(sqlite.Large.RawWriteNanoseconds)} (SQLite dir); in-place write+fsync {Format.Duration(file.Large.InPlaceWriteNanoseconds)}, {Format.Duration(sqlite.Large.InPlaceWriteNanoseconds)}",
            $"10,000/100: file {Growths(file)}; SQLite {Growths(sqlite)}; PostgreSQL {Growths(postgres)}; save/raw: file {Format.Ratio(facts["fileSaveOverRawAtLarge"])}, SQLite {Format.Ratio(facts["sqliteSaveOverRawAtLarge"])}",
            "≤ 1.5× at 10,000 vs 100 (save, continue, load, list by tag; every store)",
            [
                new TargetCheck("file save growth", file.SaveGrowth, MaxGrowth, AtMost: true),
                new TargetCheck("file continue growth", file.ContinueGrowth, MaxGrowth, AtMost: true),
                new TargetCheck("SQLite save growth", sqlite.SaveGrowth, MaxGrowth, AtMost: true),
                new TargetCheck("SQLite continue growth", sqlite.ContinueGrowth, MaxGrowth, AtMost: true),
                new TargetCheck("file load growth", file.LoadGrowth, MaxGrowth, AtMost: true),
                new TargetCheck("file list-by-tag growth", file.ListGrowth, MaxGrowth, AtMost: true),
                new TargetCheck("SQLite load growth", sqlite.LoadGrowth, MaxGrowth, AtMost: true),
                new TargetCheck("SQLite list-by-tag growth", sqlite.ListGrowth, MaxGrowth, AtMost: true),
                new TargetCheck("PostgreSQL save growth", postgres.SaveGrowth, MaxGrowth, AtMost: true),
                new TargetCheck("PostgreSQL continue growth", postgres.ContinueGrowth, MaxGrowth, AtMost: true),
                new TargetCheck("PostgreSQL load growth", postgres.LoadGrowth, MaxGrowth, AtMost: true),
                new TargetCheck("PostgreSQL list-by-tag growth", postgres.ListGrowth, MaxGrowth, AtMost: true),
            ],
            figures.SelectMany(Measurements).ToList(),
            facts);
    }

    private sealed record StoreGrowth(ScaledStoreFigures Small, ScaledStoreFigures Large)
    {
        public double SaveGrowth => Large.SaveNanoseconds / Small.SaveNanoseconds;

        public double ContinueGrowth => Large.ContinueNanoseconds / Small.ContinueNanoseconds;

        public double LoadGrowth => Large.LoadNanoseconds / Small.LoadNanoseconds;

        public double ListGrowth => Large.ListByTagNanoseconds / Small.ListByTagNanoseconds;
    }

    private static StoreGrowth Growth(IReadOnlyList<ScaledStoreFigures> figures, StoreKind kind) => new(
        figures.Single(figure => figure.Kind == kind && figure.Stored == StoreScaleProbe.SmallStore),
        figures.Single(figure => figure.Kind == kind && figure.Stored == StoreScaleProbe.LargeStore));

    private static string Times(StoreGrowth growth) =>
        $"save {Format.Duration(growth.Small.SaveNanoseconds)} → {Format.Duration(growth.Large.SaveNanoseconds)}, continue {Format.Duration(growth.Small.ContinueNanoseconds)} → {Format.Duration(growth.Large.ContinueNanoseconds)}, load {Format.Duration(growth.Small.LoadNanoseconds)} → {Format.Duration(growth.Large.LoadNanoseconds)}, list by tag {Format.Duration(growth.Small.ListByTagNanoseconds)} → {Format.Duration(growth.Large.ListByTagNanoseconds)}";

    private static string Growths(StoreGrowth growth) =>
        $"save {Format.Ratio(growth.SaveGrowth)}, continue {Format.Ratio(growth.ContinueGrowth)}, load {Format.Ratio(growth.LoadGrowth)}, list by tag {Format.Ratio(growth.ListGrowth)}";

    private static IEnumerable<Measurement> Measurements(ScaledStoreFigures figure)
    {
        yield return new Measurement($"{figure.Kind}SaveAt{figure.Stored}", figure.SaveNanoseconds, null);
        yield return new Measurement($"{figure.Kind}RawWriteAt{figure.Stored}", figure.RawWriteNanoseconds, null);
        yield return new Measurement($"{figure.Kind}InPlaceWriteAt{figure.Stored}", figure.InPlaceWriteNanoseconds, null);
        yield return new Measurement($"{figure.Kind}ContinueAt{figure.Stored}", figure.ContinueNanoseconds, null);
        yield return new Measurement($"{figure.Kind}LoadAt{figure.Stored}", figure.LoadNanoseconds, null);
        yield return new Measurement($"{figure.Kind}ListByTagAt{figure.Stored}", figure.ListByTagNanoseconds, null);
    }
}
