using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.SharedStates;

/// <summary>
/// A background lease renewal that fails is logged (with the state, key and exception) and does
/// not take the runtime down: the owner keeps trying while the lease lasts, then loses the state
/// (also logged), and the runtime goes on serving other states and stops cleanly.
/// </summary>
public sealed class SharedStateLeaseLoggingTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMilliseconds(300);

    /// <summary>An in-memory store with ownership whose every request after a key's first grant fails, as a store that became unreachable would.</summary>
    private sealed class FailingRenewalStore : ISharedStateStore
    {
        private readonly InMemorySharedStateStore _inner = new();
        private readonly ConcurrentDictionary<(string, string), int> _grants = new();

        public ValueTask<SharedStateRecord?> LoadAsync(string stateName, string key, CancellationToken cancellationToken = default) => _inner.LoadAsync(stateName, key, cancellationToken);

        public ValueTask SaveAsync(SharedStateRecord record, CancellationToken cancellationToken = default) => _inner.SaveAsync(record, cancellationToken);

        public ValueTask<SharedStateLease?> AcquireOwnershipAsync(string stateName, string key, string owner, TimeSpan duration, CancellationToken cancellationToken = default) =>
            _grants.AddOrUpdate((stateName, key), 1, (_, count) => count + 1) == 1
                ? ValueTask.FromResult<SharedStateLease?>(new SharedStateLease(stateName, key, owner, 1, DateTimeOffset.UtcNow + duration))
                : throw new InvalidOperationException("renewal refused by the test store");

        public ValueTask ReleaseOwnershipAsync(SharedStateLease lease, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("release refused by the test store");
    }

    private sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

    /// <summary>Keeps every entry logged through it.</summary>
    private sealed class CapturingLoggerFactory : ILoggerFactory
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerFactory factory, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                factory.Entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception), exception));
        }
    }

    [Fact]
    public async Task A_failed_background_renewal_is_logged_with_the_state_and_exception_and_the_runtime_goes_on()
    {
        var logs = new CapturingLoggerFactory();
        var runtime = new ProcessRuntime(new ProcessRuntimeOptions
        {
            LoggerFactory = logs,
            SharedStates = new SharedStateOptions { Store = new FailingRenewalStore(), LeaseDuration = Lease },
        });
        await runtime.SharedStates.UpdateAsync<Tally>("logged", tally => tally.Count++);

        // The keeper renews a third of the way through the lease; past the lease the state is lost.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!logs.Entries.Any(entry => entry.EventId.Id == 402))
        {
            Assert.True(DateTime.UtcNow < deadline, "no loss was logged");
            await Task.Delay(20);
        }

        var renewal = logs.Entries.First(entry => entry.EventId.Id == 401);
        Assert.Equal((LogLevel.Warning, "Processes.SharedStates"), (renewal.Level, renewal.Category));
        Assert.Contains(SharedStateName(), renewal.Message);
        Assert.Contains("key logged", renewal.Message);
        Assert.Equal("renewal refused by the test store", Assert.IsType<InvalidOperationException>(renewal.Exception).Message);
        var lost = logs.Entries.First(entry => entry.EventId.Id == 402);
        Assert.IsType<SharedStateOwnedException>(lost.Exception);

        // Still serving: another state is granted and updated; stopping gives back what it can and logs the rest.
        Assert.Equal(1, await runtime.SharedStates.UpdateAsync<Tally>("other", tally => tally.Count++));
        await runtime.DisposeAsync();
        var release = Assert.Single(logs.Entries, entry => entry.EventId.Id == 403);
        Assert.Contains("key other", release.Message);
    }

    private static string SharedStateName() => StateNameOf<Tally>();

    private static string StateNameOf<TState>()
        where TState : class, ISharedState<TState> => TState.StateName;
}
