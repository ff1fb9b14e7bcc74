using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Processes.Serialization;

/// <summary>
/// Creates a <see cref="List{T}"/> of a given count whose elements the caller overwrites at once
/// (a raw copy of unmanaged elements): <c>new List&lt;T&gt;(count)</c> zeroes an array the copy
/// then fills again, which was a third of reading a <c>List&lt;double&gt;</c> of 100,000.
/// </summary>
internal static class UninitializedLists
{
    /// <summary>A list of <paramref name="count"/> elements with unspecified values; only for unmanaged <typeparamref name="T"/> the caller fills entirely.</summary>
    public static List<T> Create<T>(int count)
    {
#if NET9_0_OR_GREATER
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>() && ListItems<T>.Available)
        {
            var list = new List<T>();
            try
            {
                ListItems<T>.Of(list) = GC.AllocateUninitializedArray<T>(count);
            }
            catch (MissingFieldException)
            {
                // A runtime whose List<T> names its array otherwise: fall back for good.
                ListItems<T>.Available = false;
                return Zeroed<T>(count);
            }

            CollectionsMarshal.SetCount(list, count);
            return list;
        }
#endif
        return Zeroed<T>(count);
    }

    private static List<T> Zeroed<T>(int count)
    {
        var list = new List<T>(count);
        CollectionsMarshal.SetCount(list, count);
        return list;
    }

#if NET9_0_OR_GREATER
    // UnsafeAccessor is bound by the JIT (and by Native AOT's compiler), not by reflection.
    private static class ListItems<T>
    {
        public static bool Available = true;

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_items")]
        public static extern ref T[] Of(List<T> list);
    }
#endif
}
