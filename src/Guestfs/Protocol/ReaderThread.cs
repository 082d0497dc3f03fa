using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Protocol;

/// <summary>
/// Reads the daemon's socket on one dedicated thread, waiting in <c>poll(2)</c>, and completes each read's task on
/// that thread, so the code awaiting it (the call's state machine, and the caller's continuation after it) runs there at
/// once: a reply costs one thread wake-up, as in a C client, instead of a socket-engine event, a thread-pool
/// dispatch and the pool's spinning.
/// </summary>
/// <remarks>
/// <para>One read is outstanding at a time (the framing layer never starts a second). The thread waits in
/// <c>poll(2)</c> and then takes what is there with a receive that does not block, so the socket's own asynchronous
/// writes are unaffected. Only sockets are read this way (every backend's channel is one); other streams, such as
/// in-memory stand-ins, keep their own asynchronous reads.</para>
/// <para>Code that continues on this thread after a call and then <em>blocks</em> on another call of the same
/// connection (sync-over-async) would stop the reads it waits for. A watchdog timer, armed while reads are asked for
/// from inside completions and disarmed once the connection is quiet, checks every <see cref="HandOffDelay"/>: a read
/// still waiting for the same completion to return is given to a new reader thread, and the blocked one leaves when
/// it returns. (Re-arming a timer per read would cost a timer-thread wake-up per call.) Nothing process-wide is
/// changed.</para>
/// </remarks>
internal sealed class ReaderThread
{
    /// <summary>The watchdog's period: a read asked for from inside a completion waits at most about twice this.</summary>
    internal static readonly TimeSpan HandOffDelay = TimeSpan.FromMilliseconds(50);

    private const short PollIn = 0x001;
    private const int EINTR = 4;

    private readonly Socket _socket;
    private readonly object _lock = new();
    private readonly Timer _handOff;
    private Thread? _thread;
    private TaskCompletionSource<int>? _request;
    private Memory<byte> _target;
    private bool _idle;
    private bool _taken;
    private bool _completing;
    private bool _closed;
    private long _generation;
    private long _watchedGeneration = -1;
    private bool _watchdogArmed;
    private int _quietTicks;

    private ReaderThread(Socket socket)
    {
        _socket = socket;
        _handOff = new Timer(static s => ((ReaderThread)s!).HandOffIfStuck(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The reader of a stream over a socket (the thread starts with the first read), or <see langword="null"/>.</summary>
    /// <param name="stream">The daemon's channel.</param>
    /// <returns>The reader, or <see langword="null"/> when the stream is not a socket's.</returns>
    public static ReaderThread? For(Stream stream) => stream is NetworkStream network ? new ReaderThread(network.Socket) : null;

    /// <summary>Starts a read into <paramref name="buffer"/>; the task completes on the reader thread.</summary>
    /// <param name="buffer">Where the bytes go; untouched after the task completes.</param>
    /// <returns>The number of bytes read (0 at the end of the stream).</returns>
    public Task<int> ReadAsync(Memory<byte> buffer)
    {
        var request = new TaskCompletionSource<int>();
        lock (_lock)
        {
            if (_closed)
            {
                return Task.FromException<int>(new ObjectDisposedException(nameof(GuestfsConnection), "the connection is closed"));
            }

            if (_request is not null)
            {
                throw new InvalidOperationException("a read is already outstanding");
            }

            _request = request;
            _target = buffer;
            if (_thread is null)
            {
                StartThread();
            }
            else if (_completing)
            {
                // The reader thread is running the code that awaited the last read; it serves this one when that
                // code returns, unless the code blocks (then the watchdog gives the read to a new thread).
                _quietTicks = 0;
                if (!_watchdogArmed)
                {
                    // Armed and disarmed under the lock, so the two never cross.
                    _watchdogArmed = true;
                    _handOff.Change(HandOffDelay, HandOffDelay);
                }
            }
            else if (_idle)
            {
                Monitor.Pulse(_lock);
            }
        }

        return request.Task;
    }

    /// <summary>Stops the thread: the pending read (if any) fails; closing the stream is the caller's.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            _handOff.Dispose();
            Monitor.PulseAll(_lock);
        }

        try
        {
            // Wakes a thread waiting in poll(2): closing a descriptor does not.
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private void StartThread()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "guestfs reader" };
        _thread = thread;
        thread.UnsafeStart();
    }

    private void HandOffIfStuck()
    {
        lock (_lock)
        {
            if (_closed || !_watchdogArmed)
            {
                return;
            }

            if (_request is not null && !_taken && _completing && _generation == _watchedGeneration)
            {
                // The reader thread has been inside the completion that asked for this read since the last tick:
                // a new one takes over.
                StartThread();
            }
            else if (++_quietTicks >= 2)
            {
                _watchdogArmed = false;
                _handOff.Change(Timeout.Infinite, Timeout.Infinite);
            }

            _watchedGeneration = _generation;
        }
    }

    private void Run()
    {
        Thread me = Thread.CurrentThread;
        while (true)
        {
            TaskCompletionSource<int> request;
            Memory<byte> target;
            lock (_lock)
            {
                while (_request is null && !_closed && _thread == me)
                {
                    _idle = true;
                    Monitor.Wait(_lock);
                    _idle = false;
                }

                if (_thread != me || _request is null)
                {
                    return;
                }

                request = _request;
                target = _target;
                _taken = true;
            }

            int n;
            try
            {
                n = Read(target.Span);
            }
            catch (Exception e)
            {
                Complete(request, 0, e);
                continue;
            }

            Complete(request, n, null);
        }
    }

    private void Complete(TaskCompletionSource<int> request, int n, Exception? error)
    {
        lock (_lock)
        {
            _request = null;
            _target = default;
            _taken = false;
            _completing = true;
            _generation++;
        }

        try
        {
            if (error is null)
            {
                request.SetResult(n);
            }
            else
            {
                request.SetException(error);
            }
        }
        finally
        {
            lock (_lock)
            {
                _completing = false;
            }
        }
    }

    private int Read(Span<byte> target)
    {
        var fd = new PollFd { Fd = (int)_socket.SafeHandle.DangerousGetHandle(), Events = PollIn };
        while (true)
        {
            lock (_lock)
            {
                if (_closed)
                {
                    throw new ObjectDisposedException(nameof(GuestfsConnection), "the connection is closed");
                }
            }

            int ready = Poll(ref fd, 1, -1);
            if (ready >= 0)
            {
                break;
            }

            if (Marshal.GetLastPInvokeError() != EINTR)
            {
                throw new SocketException(Marshal.GetLastPInvokeError());
            }
        }

        // Readable, at its end, or shut down: the receive does not block.
        return _socket.Receive(target, SocketFlags.None);
    }

    [DllImport("libc", EntryPoint = "poll", ExactSpelling = true, SetLastError = true)]
    private static extern int Poll(ref PollFd fds, nuint count, int timeoutMilliseconds);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
