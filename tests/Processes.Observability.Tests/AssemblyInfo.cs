using Xunit;

// The activity source and the meter are process-wide: tests that count what they record must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
