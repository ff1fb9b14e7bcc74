using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Benchmarks.Remote;

/// <summary>
/// A child process a benchmark starts and must end: disposing closes its standard input (the
/// servers here stop when it closes) and kills it if it has not exited within a few seconds.
/// </summary>
internal sealed class OwnedProcess : IDisposable
{
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);
    private readonly Process _process;

    private OwnedProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>The exit code, once <see cref="WaitForExitAsync"/> has returned.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the executable with its standard input and output redirected.</summary>
    public static OwnedProcess Start(string executable, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        return new OwnedProcess(process);
    }

    /// <summary>Starts a server and returns once it has printed "ready"; kills it if it does not within the timeout.</summary>
    public static async Task<OwnedProcess> StartServerAsync(string executable, IEnumerable<string> arguments, TimeSpan readyTimeout)
    {
        var owned = Start(executable, arguments);
        try
        {
            await owned.WaitForReadyAsync(readyTimeout).ConfigureAwait(false);
            return owned;
        }
        catch
        {
            owned.Dispose();
            throw;
        }
    }

    /// <summary>Reads standard output until the line "ready"; throws if the process exits or the timeout passes first.</summary>
    public async Task WaitForReadyAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } line)
            {
                if (line == "ready")
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{_process.StartInfo.FileName} did not print 'ready' within {timeout.TotalSeconds:0} s.");
        }

        throw new InvalidOperationException($"{_process.StartInfo.FileName} exited before it was ready.");
    }

    /// <summary>Waits for the process to exit on its own, killing it after the timeout.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{_process.StartInfo.FileName} did not exit within {timeout.TotalSeconds:0} s.");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(ExitGrace))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(ExitGrace);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
