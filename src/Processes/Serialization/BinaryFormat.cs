namespace Processes.Serialization;

/// <summary>Marker values of the binary format shared by writers and readers.</summary>
public static class BinaryFormat
{
    /// <summary>The object header that stands for a null object.</summary>
    public const byte NullObject = 255;

    /// <summary>The length or count that stands for a null string or collection.</summary>
    public const int NullLength = -1;
}
