using System;
using System.IO;
using Processes.Remote;
using Processes.Remote.Protocol;
using Processes.Serialization;
using Xunit;

namespace Processes.Tests.Remote;

/// <summary>
/// The durability errors cross the pipe as their own types, every member and typed inner error
/// intact; an inner error the protocol has no code for arrives as a <see cref="RemoteProcessException"/>.
/// </summary>
public sealed class RemoteErrorsTests
{
    private static readonly ProcessId Id = ProcessId.New();

    [Fact]
    public void An_owned_process_keeps_its_owner_and_expiry()
    {
        var expiresAt = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(7);
        var error = RoundTrip<ProcessOwnedException>(new ProcessOwnedException(Id, "host/42/start/abc", expiresAt), code: 14);

        Assert.Equal(Id, error.ProcessId);
        Assert.Equal("host/42/start/abc", error.Owner);
        Assert.Equal(expiresAt, error.ExpiresAt);
        Assert.Equal(expiresAt.Offset, error.ExpiresAt.Offset);
    }

    [Fact]
    public void An_invalid_state_transition_keeps_its_states()
    {
        var error = RoundTrip<InvalidStateTransitionException>(new InvalidStateTransitionException(Id, ProcessState.Finished, ProcessState.Running), code: 21);

        Assert.Equal(Id, error.ProcessId);
        Assert.Equal(ProcessState.Finished, error.From);
        Assert.Equal(ProcessState.Running, error.To);
    }

    [Fact]
    public void An_owned_shared_state_keeps_its_state_key_owner_and_expiry_or_their_absence()
    {
        var expiresAt = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(-3)).AddTicks(9);
        var owned = RoundTrip<SharedStateOwnedException>(new SharedStateOwnedException("docs.census", "2026", "worker-a", expiresAt), code: 22);
        Assert.Equal(("docs.census", "2026", "worker-a", expiresAt), (owned.StateName, owned.Key, owned.Owner, owned.ExpiresAt));
        Assert.Equal(expiresAt.Offset, owned.ExpiresAt!.Value.Offset);

        var original = new SharedStateOwnedException("docs.census", "", owner: null, expiresAt: null);
        var takenOver = RoundTrip<SharedStateOwnedException>(original, code: 22);
        Assert.Equal(("docs.census", "", (string?)null, (DateTimeOffset?)null), (takenOver.StateName, takenOver.Key, takenOver.Owner, takenOver.ExpiresAt));
        Assert.Equal(original.Message, takenOver.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_unknown_shared_state_operation_keeps_its_state_operation_and_whether_the_class_is_known(bool registered)
    {
        var original = new SharedStateOperationNotFoundException("docs.limiter", "TryTake", registered);
        var error = RoundTrip<SharedStateOperationNotFoundException>(original, code: 23);
        Assert.Equal(("docs.limiter", "TryTake", registered), (error.StateName, error.Operation, error.StateRegistered));
        Assert.Equal(original.Message, error.Message);
    }

    [Theory]
    [InlineData("the-new-owner")]
    [InlineData(null)]
    public void A_lost_lease_keeps_its_token_and_current_owner(string? currentOwner)
    {
        var original = new LeaseLostException(Id, 41, currentOwner);
        var error = RoundTrip<LeaseLostException>(original, code: 15);

        Assert.Equal(Id, error.ProcessId);
        Assert.Equal(41, error.FencingToken);
        Assert.Equal(currentOwner, error.CurrentOwner);
        Assert.Equal(original.Message, error.Message);
    }

    [Fact]
    public void A_failed_save_keeps_its_attempts_and_a_store_error_as_its_remote_inner()
    {
        var error = RoundTrip<CheckpointSaveFailedException>(
            new CheckpointSaveFailedException(Id, "Tests.Sum", 5, new IOException("No space left on device")), code: 16);

        Assert.Equal(Id, error.ProcessId);
        Assert.Equal("Tests.Sum", error.ProcessName);
        Assert.Equal(5, error.Attempts);
        Assert.False(error.LeaseLost);
        var inner = Assert.IsType<RemoteProcessException>(error.InnerException);
        Assert.Equal(typeof(IOException).FullName, inner.RemoteError!.TypeName);
        Assert.Equal("No space left on device", inner.RemoteError.Message);
    }

    [Fact]
    public void A_detached_process_keeps_its_reason_typed_down_to_the_lost_lease()
    {
        var saveFailed = new CheckpointSaveFailedException(Id, "Tests.Sum", 1, new LeaseLostException(Id, 3, "successor"));
        var error = RoundTrip<ProcessDetachedException>(new ProcessDetachedException(Id, "Tests.Sum", saveFailed), code: 17);

        Assert.Equal(Id, error.ProcessId);
        Assert.Equal("Tests.Sum", error.ProcessName);
        var reason = Assert.IsType<CheckpointSaveFailedException>(error.InnerException);
        Assert.True(reason.LeaseLost);
        Assert.Equal(1, reason.Attempts);
        var lost = Assert.IsType<LeaseLostException>(reason.InnerException);
        Assert.Equal(3, lost.FencingToken);
        Assert.Equal("successor", lost.CurrentOwner);
        Assert.Equal(saveFailed.Message, reason.Message);
    }

    [Fact]
    public void An_outline_mismatch_keeps_both_fingerprints()
    {
        var original = new OutlineVersionMismatchException(Id, "Tests.Order", "stored-fp", "current-fp");
        var error = RoundTrip<OutlineVersionMismatchException>(original, code: 18);

        Assert.Equal(Id, error.ProcessId);
        Assert.Equal("Tests.Order", error.ProcessName);
        Assert.Equal("stored-fp", error.StoredFingerprint);
        Assert.Equal("current-fp", error.CurrentFingerprint);
        Assert.Null(error.Reason);
        Assert.Null(error.InnerException);
        Assert.Equal(original.Message, error.Message);
    }

    [Fact]
    public void A_failed_migration_keeps_its_reason_and_the_exception_it_threw()
    {
        var original = new OutlineVersionMismatchException(Id, "Tests.Order", "stored-fp", "current-fp", "it returned 99", new ArgumentOutOfRangeException("position"));
        var error = RoundTrip<OutlineVersionMismatchException>(original, code: 18);

        Assert.Equal("it returned 99", error.Reason);
        Assert.Equal(original.Message, error.Message);
        var inner = Assert.IsType<RemoteProcessException>(error.InnerException);
        Assert.Equal(typeof(ArgumentOutOfRangeException).FullName, inner.RemoteError!.TypeName);
    }

    [Theory]
    [InlineData(CheckpointCorruptionKind.InvalidInputs)]
    [InlineData(CheckpointCorruptionKind.ChecksumMismatch)]
    public void A_corrupted_checkpoint_keeps_its_location_kind_and_reason(CheckpointCorruptionKind kind)
    {
        var original = new CheckpointCorruptedException($"of process {Id}", kind, "inputs.count: must be at most 100");
        var error = RoundTrip<CheckpointCorruptedException>(original, code: 19);

        Assert.Equal($"of process {Id}", error.Location);
        Assert.Equal(kind, error.Kind);
        Assert.Equal("inputs.count: must be at most 100", error.Reason);
        Assert.Equal(original.Message, error.Message);
    }

    [Fact]
    public void A_missing_history_entry_keeps_its_sequence_and_a_missing_checkpoint_keeps_code_6()
    {
        var inHistory = RoundTrip<CheckpointNotFoundException>(new CheckpointNotFoundException(Id, 12), code: 20);
        var latest = RoundTrip<CheckpointNotFoundException>(new CheckpointNotFoundException(Id), code: 6);

        Assert.Equal(12, inHistory.Sequence);
        Assert.Equal(Id, inHistory.ProcessId);
        Assert.Null(latest.Sequence);
    }

    [Fact]
    public void An_unknown_corruption_kind_or_a_missing_required_inner_is_malformed()
    {
        var corrupted = Encode(new CheckpointCorruptedException("x", CheckpointCorruptionKind.InvalidInputs, "r"));
        corrupted[1 + 8 + 1] = 200; // code, "x" (8-byte prefix, 1 byte), then the kind
        Assert.Throws<ProcessSerializationException>(() => RemoteErrors.Read(corrupted));

        var detached = Encode(new ProcessDetachedException(Id, "n", new IOException("down")));
        using var withoutInner = new ProcessWriter();
        withoutInner.WriteRaw(detached.AsSpan(0, 1 + 16 + 8 + 1)); // code, id, "n"
        withoutInner.WriteBoolean(false);
        Assert.Throws<ProcessSerializationException>(() => RemoteErrors.Read(withoutInner.WrittenSpan));
    }

    [Fact]
    public void A_chain_deeper_than_the_limit_ends_in_an_untyped_error_at_the_last_level_the_reader_accepts()
    {
        Exception error = new IOException("root cause");
        for (var i = 0; i < 40; i++)
        {
            error = new ProcessDetachedException(Id, "level" + i, error);
        }

        var read = RemoteErrors.Read(Encode(error));

        var depth = 1;
        var current = read;
        for (; current.InnerException is not null; current = current.InnerException)
        {
            Assert.IsType<ProcessDetachedException>(current);
            depth++;
        }

        Assert.Equal(16, depth);
        Assert.Equal(typeof(ProcessDetachedException).FullName, Assert.IsType<RemoteProcessException>(current).RemoteError!.TypeName);
    }

    private static T RoundTrip<T>(Exception exception, byte code)
        where T : Exception
    {
        var bytes = Encode(exception);
        Assert.Equal(code, bytes[0]);
        return Assert.IsType<T>(RemoteErrors.Read(bytes));
    }

    private static byte[] Encode(Exception exception)
    {
        using var writer = new ProcessWriter();
        RemoteErrors.Write(writer, exception);
        return writer.ToArray();
    }
}
