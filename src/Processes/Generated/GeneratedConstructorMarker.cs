using System.ComponentModel;

namespace Processes.Generated;

/// <summary>
/// The parameter type of the constructors the generator adds to user types (to create instances
/// without reflection while keeping member initializers). No user constructor takes it, so the
/// generated ones never clash. Not for use in user code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct GeneratedConstructorMarker
{
}
