using System.Globalization;

namespace Processes.Benchmarks.Quick;

/// <summary>Human-readable numbers for the table; the JSON keeps raw values.</summary>
internal static class Format
{
    public static string Duration(double nanoseconds) => nanoseconds switch
    {
        >= 1e9 => (nanoseconds / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " s",
        >= 1e6 => (nanoseconds / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " ms",
        >= 1e3 => (nanoseconds / 1e3).ToString("0.00", CultureInfo.InvariantCulture) + " µs",
        _ => nanoseconds.ToString("0", CultureInfo.InvariantCulture) + " ns",
    };

    public static string Bytes(long? bytes) => bytes is { } value ? value.ToString("N0", CultureInfo.InvariantCulture) + " B" : "? B";

    public static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Thousands(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " MB";
}
