namespace Processes.Serialization;

/// <summary>
/// Implemented (explicitly) by the generator on every <c>[ProcessData]</c> and <c>[PortNamespace]</c>
/// type: writes and reads the type in MemoryPack's object layout. Generated code in any assembly
/// reaches it through <see cref="ProcessData"/>, so data types from referenced assemblies work too.
/// </summary>
/// <typeparam name="TSelf">The data type itself.</typeparam>
public interface IProcessData<TSelf>
    where TSelf : IProcessData<TSelf>
{
    /// <summary>Writes <paramref name="value"/>: one header byte (the member count, or 255 for null), then its members in declaration order.</summary>
    static abstract void Write(ProcessWriter writer, TSelf? value);

    /// <summary>Reads a value written by <see cref="Write"/>; members missing from older data keep their defaults.</summary>
    static abstract TSelf? Read(ref ProcessReader reader);
}
