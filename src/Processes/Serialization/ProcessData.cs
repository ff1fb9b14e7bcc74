namespace Processes.Serialization;

/// <summary>Calls the generated serializer of a data type (the static members of <see cref="IProcessData{TSelf}"/>).</summary>
public static class ProcessData
{
    /// <summary>Writes a data value with its generated serializer.</summary>
    public static void Write<T>(ProcessWriter writer, T? value)
        where T : IProcessData<T> =>
        T.Write(writer, value);

    /// <summary>Reads a data value with its generated serializer.</summary>
    public static T? Read<T>(ref ProcessReader reader)
        where T : IProcessData<T> =>
        T.Read(ref reader);
}
