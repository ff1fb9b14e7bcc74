using System;
using System.Collections.Generic;
using Processes.Ports;
using Processes.Serialization;

namespace Processes.Remote.Protocol;

/// <summary>
/// Carries exceptions across the pipe as data and rebuilds them as the same types the in-process
/// runtime throws. An exception the protocol has no code for arrives as a
/// <see cref="RemoteProcessException"/> keeping the worker's type name, message and stack.
/// </summary>
internal static class RemoteErrors
{
    private enum Code : byte
    {
        Other = 0,
        Excepted = 1,
        Killed = 2,
        FinishedUnsuccessfully = 3,
        PortValidation = 4,
        UnknownProcessType = 5,
        CheckpointNotFound = 6,
        RuntimeStopped = 7,
        NotRunning = 8,
        Serialization = 9,
        InvalidOperation = 10,
        Authentication = 11,
        Protocol = 12,
        Busy = 13,
    }

    public static void Write(ProcessWriter writer, Exception exception)
    {
        switch (exception)
        {
            case ProcessExceptedException excepted:
                writer.WriteByte((byte)Code.Excepted);
                WireCodec.WriteId(writer, excepted.ProcessId);
                writer.WriteString(excepted.ProcessName);
                WireCodec.WriteErrorInfo(writer, excepted.Error);
                break;
            case ProcessKilledException killed:
                writer.WriteByte((byte)Code.Killed);
                WireCodec.WriteId(writer, killed.ProcessId);
                writer.WriteString(killed.ProcessName);
                writer.WriteString(killed.KillMessage);
                break;
            case ProcessFinishedUnsuccessfullyException unsuccessful:
                writer.WriteByte((byte)Code.FinishedUnsuccessfully);
                WireCodec.WriteId(writer, unsuccessful.ProcessId);
                writer.WriteString(unsuccessful.ProcessName);
                writer.WriteInt32(unsuccessful.ExitCode);
                writer.WriteString(unsuccessful.ExitMessage);
                break;
            case PortValidationException invalid:
                writer.WriteByte((byte)Code.PortValidation);
                writer.WriteString(invalid.ProcessName);
                writer.WriteCollectionHeader(invalid.Errors.Count);
                foreach (var error in invalid.Errors)
                {
                    writer.WriteString(error.Path);
                    writer.WriteString(error.Message);
                }

                break;
            case UnknownProcessTypeException unknown:
                writer.WriteByte((byte)Code.UnknownProcessType);
                writer.WriteString(unknown.ProcessName);
                break;
            case CheckpointNotFoundException notFound:
                writer.WriteByte((byte)Code.CheckpointNotFound);
                WireCodec.WriteId(writer, notFound.ProcessId);
                break;
            case ProcessRuntimeStoppedException stopped:
                writer.WriteByte((byte)Code.RuntimeStopped);
                WireCodec.WriteId(writer, stopped.ProcessId);
                writer.WriteString(stopped.ProcessName);
                break;
            case ProcessNotRunningException notRunning:
                writer.WriteByte((byte)Code.NotRunning);
                WireCodec.WriteId(writer, notRunning.ProcessId);
                writer.WriteString(notRunning.ProcessName);
                break;
            case ProcessSerializationException serialization:
                writer.WriteByte((byte)Code.Serialization);
                writer.WriteString(serialization.Reason);
                writer.WriteInt32(serialization.Offset);
                writer.WriteString(serialization.MemberPath);
                break;
            case RemoteAuthenticationException authentication:
                writer.WriteByte((byte)Code.Authentication);
                writer.WriteString(authentication.Message);
                break;
            case RemoteWorkerBusyException busy:
                writer.WriteByte((byte)Code.Busy);
                writer.WriteString(busy.Message);
                break;
            case RemoteProtocolException protocol:
                writer.WriteByte((byte)Code.Protocol);
                writer.WriteString(protocol.Message);
                break;
            case InvalidOperationException invalidOperation:
                writer.WriteByte((byte)Code.InvalidOperation);
                writer.WriteString(invalidOperation.Message);
                break;
            default:
                writer.WriteByte((byte)Code.Other);
                WireCodec.WriteErrorInfo(writer, ProcessErrorInfo.From(exception));
                break;
        }
    }

    /// <summary>Rebuilds the exception an error payload describes. A malformed payload throws <see cref="ProcessSerializationException"/>.</summary>
    public static Exception Read(ReadOnlySpan<byte> payload)
    {
        var reader = new ProcessReader(payload);
        var offset = reader.Offset;
        var code = (Code)reader.ReadByte();
        Exception exception = code switch
        {
            Code.Excepted => new ProcessExceptedException(
                WireCodec.ReadId(ref reader),
                WireCodec.ReadRequiredString(ref reader, "process name"),
                WireCodec.ReadErrorInfo(ref reader, 0) ?? throw new ProcessSerializationException("The error is missing.", reader.Offset)),
            Code.Killed => new ProcessKilledException(WireCodec.ReadId(ref reader), WireCodec.ReadRequiredString(ref reader, "process name"), reader.ReadString()),
            Code.FinishedUnsuccessfully => new ProcessFinishedUnsuccessfullyException(
                WireCodec.ReadId(ref reader), WireCodec.ReadRequiredString(ref reader, "process name"), reader.ReadInt32(), reader.ReadString()),
            Code.PortValidation => ReadPortValidation(ref reader),
            Code.UnknownProcessType => new UnknownProcessTypeException(WireCodec.ReadRequiredString(ref reader, "process name")),
            Code.CheckpointNotFound => new CheckpointNotFoundException(WireCodec.ReadId(ref reader)),
            Code.RuntimeStopped => new ProcessRuntimeStoppedException(WireCodec.ReadId(ref reader), WireCodec.ReadRequiredString(ref reader, "process name")),
            Code.NotRunning => new ProcessNotRunningException(WireCodec.ReadId(ref reader), WireCodec.ReadRequiredString(ref reader, "process name")),
            Code.Serialization => new ProcessSerializationException(
                WireCodec.ReadRequiredString(ref reader, "message"), reader.ReadInt32(), reader.ReadString()),
            Code.Authentication => new RemoteAuthenticationException(WireCodec.ReadRequiredString(ref reader, "message")),
            Code.Protocol => new RemoteProtocolException("The worker closed the connection: " + WireCodec.ReadRequiredString(ref reader, "message")),
            Code.Busy => new RemoteWorkerBusyException(WireCodec.ReadRequiredString(ref reader, "message")),
            Code.InvalidOperation => new InvalidOperationException(WireCodec.ReadRequiredString(ref reader, "message")),
            Code.Other => new RemoteProcessException(
                WireCodec.ReadErrorInfo(ref reader, 0) ?? throw new ProcessSerializationException("The error is missing.", reader.Offset)),
            _ => throw new ProcessSerializationException($"{(byte)code} is not an error code.", offset),
        };
        reader.EnsureAtEnd();
        return exception;
    }

    private static PortValidationException ReadPortValidation(ref ProcessReader reader)
    {
        var processName = WireCodec.ReadRequiredString(ref reader, "process name");
        if (!reader.TryReadCollectionHeader(out var count, minimumElementSize: 8))
        {
            throw new ProcessSerializationException("The error list is missing.", reader.Offset);
        }

        var errors = new List<PortError>(count);
        for (var i = 0; i < count; i++)
        {
            errors.Add(new PortError(WireCodec.ReadRequiredString(ref reader, "port path"), WireCodec.ReadRequiredString(ref reader, "port error")));
        }

        return new PortValidationException(processName, errors);
    }
}
