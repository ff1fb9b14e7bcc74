using System;
using Microsoft.Extensions.Logging;

namespace Processes.TestWorker;

/// <summary>Writes log lines to stderr, one per entry, so tests can read what the worker logged.</summary>
internal sealed class StderrLoggerFactory : ILoggerFactory
{
    private static readonly object Gate = new();

    public ILogger CreateLogger(string categoryName) => new StderrLogger(categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class StderrLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"{logLevel}: {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? string.Empty : " | " + exception.GetType().Name + ": " + exception.Message)}";
            lock (Gate)
            {
                Console.Error.WriteLine(line);
            }
        }
    }
}
