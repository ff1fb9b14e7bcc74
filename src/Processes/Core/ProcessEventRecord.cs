using System;

namespace Processes.Runtime;

/// <summary>
/// One raised event as a process's checkpoint keeps it: its name, the full name of its payload's
/// type (null for a signal without payload), the payload in its generated serialized form, and
/// when it was raised.
/// </summary>
internal sealed record ProcessEventRecord(string Name, string? PayloadType, byte[] Payload, DateTimeOffset RaisedAt);
