using System;

namespace Processes.Runtime;

/// <summary>
/// The one rule for continuing a checkpoint written by another outline (PRODUCT.md §5,
/// docs/concepts/versioning.md): a checkpoint with no fingerprint (format version 1), a
/// terminated one (loaded only to read its result) and one written by the current outline are
/// taken as they are; any other is moved to the current outline by the process's declared
/// migration, or refused with <see cref="OutlineVersionMismatchException"/>. Refusing changes
/// nothing in the store: this runs before a restored process touches it.
/// </summary>
internal static class OutlineVersions
{
    /// <summary>Returns the snapshot to continue from: <paramref name="snapshot"/> itself, or a copy at the migrated position.</summary>
    public static ProcessSnapshot Reconcile<TProcess>(ProcessDescriptor<TProcess> descriptor, TProcess process, ProcessSnapshot snapshot)
        where TProcess : class
    {
        var stored = snapshot.OutlineFingerprint;
        var current = descriptor.OutlineFingerprint;
        if (stored is null || current is null || snapshot.State.IsTerminal() || string.Equals(stored, current, StringComparison.Ordinal))
        {
            return snapshot;
        }

        int position;
        try
        {
            if (!descriptor.TryMigrateOutline(process, stored, snapshot.Position, out position))
            {
                throw new OutlineVersionMismatchException(snapshot.Id, snapshot.Name, stored, current);
            }
        }
        catch (Exception exception) when (exception is not OutlineVersionMismatchException)
        {
            throw new OutlineVersionMismatchException(
                snapshot.Id, snapshot.Name, stored, current, $"the migration threw {exception.GetType().Name}: {exception.Message}", exception);
        }

        var outline = OutlineBuilder.Rent(4);
        descriptor.DefineOutline(process, outline);
        var count = outline.Count;
        outline.Release();
        if (position < 0 || position > count)
        {
            throw new OutlineVersionMismatchException(
                snapshot.Id, snapshot.Name, stored, current,
                $"it mapped position {snapshot.Position} to {position}, but the current outline's positions are 0 to {count} ({count} means finished).");
        }

        return snapshot with { Position = position, OutlineFingerprint = current };
    }
}
