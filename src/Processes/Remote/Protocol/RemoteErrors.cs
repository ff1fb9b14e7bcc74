using System;
using System.Collections.Generic;
using Processes.Ports;
using Processes.Serialization;

namespace Processes.Remote.Protocol;

/// <summary>
/// Carries exceptions across the pipe as data and rebuilds them as the same types the in-process
/// runtime throws. An exception the protocol has no code for arrives as a
/// <see cref="RemoteProcessException"/> keeping the worker's type name, message and stack.
/// Codes are only ever appended: a code's payload never changes once shipped.
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
        Owned = 14,
        LeaseLost = 15,
        CheckpointSaveFailed = 16,
        Detached = 17,
        OutlineVersionMismatch = 18,
        CheckpointCorrupted = 19,
        CheckpointNotFoundInHistory = 20,
        InvalidStateTransition = 21,
        SharedStateOwned = 22,
        SharedStateOperationNotFound = 23,
    }

    /// <summary>Errors nested deeper than this are malformed (a hostile peer could recurse forever); the writer ends a longer chain with an untyped error at the last level.</summary>
    private const int MaxInnerDepth = 16;

    public static void Write(ProcessWriter writer, Exception exception) => Write(writer, exception, depth: 0);

    private static void Write(ProcessWriter writer, Exception exception, int depth)
    {
        if (depth == MaxInnerDepth - 1)
        {
            // The deepest level a reader accepts: the chain ends here, as data without an inner.
            writer.WriteByte((byte)Code.Other);
            WireCodec.WriteErrorInfo(writer, new ProcessErrorInfo(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, exception.StackTrace));
            return;
        }

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
            case CheckpointNotFoundException { Sequence: { } sequence } notFoundInHistory:
                writer.WriteByte((byte)Code.CheckpointNotFoundInHistory);
                WireCodec.WriteId(writer, notFoundInHistory.ProcessId);
                writer.WriteInt64(sequence);
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
            case ProcessOwnedException owned:
                writer.WriteByte((byte)Code.Owned);
                WireCodec.WriteId(writer, owned.ProcessId);
                writer.WriteString(owned.Owner);
                writer.WriteCompactDateTimeOffset(owned.ExpiresAt);
                break;
            case LeaseLostException leaseLost:
                writer.WriteByte((byte)Code.LeaseLost);
                WireCodec.WriteId(writer, leaseLost.ProcessId);
                writer.WriteInt64(leaseLost.FencingToken);
                writer.WriteString(leaseLost.CurrentOwner);
                break;
            case CheckpointSaveFailedException saveFailed:
                writer.WriteByte((byte)Code.CheckpointSaveFailed);
                WireCodec.WriteId(writer, saveFailed.ProcessId);
                writer.WriteString(saveFailed.ProcessName);
                writer.WriteInt32(saveFailed.Attempts);
                WriteInner(writer, saveFailed.InnerException, depth);
                break;
            case ProcessDetachedException detached:
                writer.WriteByte((byte)Code.Detached);
                WireCodec.WriteId(writer, detached.ProcessId);
                writer.WriteString(detached.ProcessName);
                WriteInner(writer, detached.InnerException, depth);
                break;
            case OutlineVersionMismatchException mismatch:
                writer.WriteByte((byte)Code.OutlineVersionMismatch);
                WireCodec.WriteId(writer, mismatch.ProcessId);
                writer.WriteString(mismatch.ProcessName);
                writer.WriteString(mismatch.StoredFingerprint);
                writer.WriteString(mismatch.CurrentFingerprint);
                writer.WriteString(mismatch.Reason);
                WriteInner(writer, mismatch.InnerException, depth);
                break;
            case CheckpointCorruptedException corrupted:
                writer.WriteByte((byte)Code.CheckpointCorrupted);
                writer.WriteString(corrupted.Location);
                writer.WriteByte((byte)corrupted.Kind);
                writer.WriteString(corrupted.Reason);
                WriteInner(writer, corrupted.InnerException, depth);
                break;
            case InvalidStateTransitionException transition:
                writer.WriteByte((byte)Code.InvalidStateTransition);
                WireCodec.WriteId(writer, transition.ProcessId);
                writer.WriteByte((byte)transition.From);
                writer.WriteByte((byte)transition.To);
                break;
            case SharedStateOwnedException stateOwned:
                writer.WriteByte((byte)Code.SharedStateOwned);
                writer.WriteString(stateOwned.StateName);
                writer.WriteString(stateOwned.Key);
                writer.WriteString(stateOwned.Owner);
                writer.WriteBoolean(stateOwned.ExpiresAt is not null);
                if (stateOwned.ExpiresAt is { } expiresAt)
                {
                    writer.WriteCompactDateTimeOffset(expiresAt);
                }

                break;
            case SharedStateOperationNotFoundException operationNotFound:
                writer.WriteByte((byte)Code.SharedStateOperationNotFound);
                writer.WriteString(operationNotFound.StateName);
                writer.WriteString(operationNotFound.Operation);
                writer.WriteBoolean(operationNotFound.StateRegistered);
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
        var exception = Read(ref reader, depth: 0);
        reader.EnsureAtEnd();
        return exception;
    }

    /// <summary>
    /// Writes an inner exception as a nested error: <c>bool present</c>, then its own code and
    /// fields, so a typed inner (a lost lease behind a failed save) arrives typed, and any other
    /// as code 0 with its type name, message and stack.
    /// </summary>
    private static void WriteInner(ProcessWriter writer, Exception? inner, int depth)
    {
        writer.WriteBoolean(inner is not null);
        if (inner is not null)
        {
            Write(writer, inner, depth + 1);
        }
    }

    private static Exception? ReadInner(ref ProcessReader reader, int depth)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        if (depth + 1 >= MaxInnerDepth)
        {
            throw new ProcessSerializationException($"Errors nest deeper than {MaxInnerDepth} levels.", reader.Offset);
        }

        return Read(ref reader, depth + 1);
    }

    private static Exception ReadRequiredInner(ref ProcessReader reader, int depth, string what) =>
        ReadInner(ref reader, depth) ?? throw new ProcessSerializationException($"The {what} is missing.", reader.Offset);

    private static Exception Read(ref ProcessReader reader, int depth)
    {
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
            Code.Owned => new ProcessOwnedException(
                WireCodec.ReadId(ref reader), WireCodec.ReadRequiredString(ref reader, "owner"), reader.ReadCompactDateTimeOffset()),
            Code.LeaseLost => new LeaseLostException(WireCodec.ReadId(ref reader), reader.ReadInt64(), reader.ReadString()),
            Code.CheckpointSaveFailed => new CheckpointSaveFailedException(
                WireCodec.ReadId(ref reader),
                WireCodec.ReadRequiredString(ref reader, "process name"),
                reader.ReadInt32(),
                ReadRequiredInner(ref reader, depth, "store error")),
            Code.Detached => new ProcessDetachedException(
                WireCodec.ReadId(ref reader),
                WireCodec.ReadRequiredString(ref reader, "process name"),
                ReadRequiredInner(ref reader, depth, "reason")),
            Code.OutlineVersionMismatch => new OutlineVersionMismatchException(
                WireCodec.ReadId(ref reader),
                WireCodec.ReadRequiredString(ref reader, "process name"),
                WireCodec.ReadRequiredString(ref reader, "stored fingerprint"),
                WireCodec.ReadRequiredString(ref reader, "current fingerprint"),
                reader.ReadString(),
                ReadInner(ref reader, depth)),
            Code.CheckpointCorrupted => new CheckpointCorruptedException(
                WireCodec.ReadRequiredString(ref reader, "location"),
                ReadCorruptionKind(ref reader),
                WireCodec.ReadRequiredString(ref reader, "reason"),
                ReadInner(ref reader, depth)),
            Code.CheckpointNotFoundInHistory => new CheckpointNotFoundException(WireCodec.ReadId(ref reader), reader.ReadInt64()),
            Code.InvalidStateTransition => new InvalidStateTransitionException(WireCodec.ReadId(ref reader), WireCodec.ReadState(ref reader), WireCodec.ReadState(ref reader)),
            Code.SharedStateOwned => new SharedStateOwnedException(
                WireCodec.ReadRequiredString(ref reader, "state name"),
                reader.ReadString() ?? throw new ProcessSerializationException("The state key is missing.", reader.Offset),
                reader.ReadString(),
                reader.ReadBoolean() ? reader.ReadCompactDateTimeOffset() : null),
            Code.SharedStateOperationNotFound => new SharedStateOperationNotFoundException(
                WireCodec.ReadRequiredString(ref reader, "state name"),
                WireCodec.ReadRequiredString(ref reader, "operation"),
                reader.ReadBoolean()),
            Code.Other => new RemoteProcessException(
                WireCodec.ReadErrorInfo(ref reader, 0) ?? throw new ProcessSerializationException("The error is missing.", reader.Offset)),
            _ => throw new ProcessSerializationException($"{(byte)code} is not an error code.", offset),
        };
        return exception;
    }

    private static CheckpointCorruptionKind ReadCorruptionKind(ref ProcessReader reader)
    {
        var offset = reader.Offset;
        var value = reader.ReadByte();
        return value <= (byte)CheckpointCorruptionKind.InvalidInputs
            ? (CheckpointCorruptionKind)value
            : throw new ProcessSerializationException($"{value} is not a checkpoint corruption kind.", offset);
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
