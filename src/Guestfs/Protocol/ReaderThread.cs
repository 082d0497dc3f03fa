using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Protocol;

/// <summary>
/// Does a socket channel's I/O without the runtime's socket engine: one dedicated thread waits in <c>poll(2)</c>,
/// reads, and completes each read's task on itself, so the code awaiting it (the call's state machine, and the caller's
/// continuation after it) runs there at once: a reply costs one thread wake-up, as in a C client, instead of a
/// socket-engine event, a thread-pool dispatch and the pool's spinning. Writes are sent without blocking
/// (<c>MSG_DONTWAIT</c>); when the socket is full, the same thread's <c>poll(2)</c> says when it takes more.
/// </summary>
/// <remarks>
/// <para>Nothing asynchronous is ever asked of the socket itself: the first asynchronous operation that has to wait
/// registers a socket with the runtime's <c>epoll</c> engine for good, and from then on every reply would also wake
/// that engine and a thread-pool worker (measured: ~0.5 ms of CPU per small call under TCG). Only sockets are handled
/// this way (every backend's channel is one); other streams, such as in-memory stand-ins, keep their own
/// asynchronous reads and writes.</para>
/// <para>One read and one write wait are outstanding at a time (the framing layer never starts a second). A request
/// arriving while the thread waits in <c>poll(2)</c> for the other direction wakes it through an <c>eventfd</c>.</para>
/// <para>Code that continues on this thread after a call and then <em>blocks</em> on another call of the same
/// connection (sync-over-async) would stop the reads it waits for. A watchdog timer, armed while reads are asked for
/// from inside completions and disarmed once the connection is quiet, checks every <see cref="HandOffDelay"/>: a read
/// or write wait still waiting for the same completion to return is given to a new thread, and the blocked one leaves
/// when it returns. (Re-arming a timer per read would cost a timer-thread wake-up per call.) Nothing process-wide is
/// changed.</para>
/// </remarks>
internal sealed class ReaderThread
{
    /// <summary>The watchdog's period: a read asked for from inside a completion waits at most about twice this.</summary>
    internal static readonly TimeSpan HandOffDelay = TimeSpan.FromMilliseconds(50);

    private const short PollIn = 0x001;
    private const short PollOut = 0x004;
    private const short PollErr = 0x008;
    private const short PollHup = 0x010;
    private const int EINTR = 4;
    private const int EAGAIN = 11;
    private const int MsgDontWait = 0x40;
    private const int MsgNoSignal = 0x4000;
    private const int EfdCloexec = 0x80000;
    private const int EfdNonblock = 0x800;

    private readonly Socket _socket;
    private readonly object _lock = new();
    private readonly Timer _handOff;
    private readonly int _wakeFd;
    private Thread? _thread;
    private int _liveThreads;
    private bool _wakeFdClosed;
    private bool _polling;
    private TaskCompletionSource<int>? _request;
    private TaskCompletionSource? _writable;
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
        _wakeFd = EventFd(0, EfdCloexec | EfdNonblock);
        if (_wakeFd < 0)
        {
            throw new IOException("eventfd: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }

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
            Signal();
        }

        return request.Task;
    }

    /// <summary>
    /// Sends all of <paramref name="data"/>: at once when the socket takes it (the usual case: the task is already
    /// complete), else as the socket drains, waiting on this thread's <c>poll(2)</c>. Not cancellable: a caller that
    /// stops waiting must treat the connection as broken (part of a message may be out).
    /// </summary>
    /// <param name="data">The bytes; untouched after the task completes.</param>
    /// <returns>A task that completes when every byte is handed to the socket.</returns>
    public ValueTask SendAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            int sent = TrySend(data.Span);
            if (sent < 0)
            {
                return SendRestAsync(data);
            }

            data = data[sent..];
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the thread: the pending read (if any) fails; closing the stream is the caller's.</summary>
    public void Close()
    {
        TaskCompletionSource? writable;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _handOff.Dispose();
            writable = _writable;
            _writable = null;
            Monitor.PulseAll(_lock);
            if (_liveThreads == 0)
            {
                CloseWakeFd();
            }
            else
            {
                Wake();
            }
        }

        writable?.TrySetException(Closed());

        try
        {
            // Wakes a thread waiting in poll(2): closing a descriptor does not.
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private static ObjectDisposedException Closed() => new(nameof(GuestfsConnection), "the connection is closed");

    private async ValueTask SendRestAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            int sent = TrySend(data.Span);
            if (sent >= 0)
            {
                data = data[sent..];
                continue;
            }

            var writable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                if (_closed)
                {
                    throw Closed();
                }

                if (_writable is not null)
                {
                    throw new InvalidOperationException("a write is already waiting");
                }

                _writable = writable;
                Signal();
            }

            await writable.Task.ConfigureAwait(false);
        }
    }

    /// <summary>One <c>send(2)</c> that does not block: the bytes taken, or -1 when the socket is full.</summary>
    private int TrySend(ReadOnlySpan<byte> data)
    {
        int fd = (int)_socket.SafeHandle.DangerousGetHandle();
        while (true)
        {
            nint sent = Send(fd, ref MemoryMarshal.GetReference(data), (nuint)data.Length, MsgDontWait | MsgNoSignal);

            if (sent >= 0)
            {
                return (int)sent;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno == EAGAIN)
            {
                return -1;
            }

            if (errno != EINTR)
            {
                throw new IOException("send to the daemon: " + Marshal.GetPInvokeErrorMessage(errno));
            }
        }
    }

    /// <summary>Tells the thread that there is work: starts it, wakes it, or leaves it to the code it is running.</summary>
    private void Signal()
    {
        if (_thread is null)
        {
            StartThread();
        }
        else if (_completing)
        {
            // The thread is running the code that awaited the last read; it serves this request when that code
            // returns, unless the code blocks (then the watchdog gives the request to a new thread).
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
        else if (_polling)
        {
            Wake();
        }
    }

    private void Wake()
    {
        ulong one = 1;
        _ = Write(_wakeFd, ref one, sizeof(ulong));   // fails only when already signalled
    }

    private void DrainWake()
    {
        ulong value = 0;
        _ = Read(_wakeFd, ref value, sizeof(ulong));
    }

    private void CloseWakeFd()
    {
        if (!_wakeFdClosed)
        {
            _wakeFdClosed = true;
            _ = CloseFd(_wakeFd);
        }
    }

    private void StartThread()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "guestfs reader" };
        _thread = thread;
        _liveThreads++;
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

            if (((_request is not null && !_taken) || _writable is not null) && _completing && _generation == _watchedGeneration)
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
        try
        {
            Serve(me);
        }
        finally
        {
            lock (_lock)
            {
                if (--_liveThreads == 0 && _closed)
                {
                    CloseWakeFd();
                }
            }
        }
    }

    private void Serve(Thread me)
    {
        int socketFd = (int)_socket.SafeHandle.DangerousGetHandle();
        Span<PollFd> fds = stackalloc PollFd[2];
        while (true)
        {
            TaskCompletionSource<int>? request;
            TaskCompletionSource? writable;
            Memory<byte> target;
            lock (_lock)
            {
                while (_request is null && _writable is null && !_closed && _thread == me)
                {
                    _idle = true;
                    Monitor.Wait(_lock);
                    _idle = false;
                }

                if (_thread != me || _closed)
                {
                    if (_closed && _thread == me && _request is { } pending)
                    {
                        _request = null;
                        _target = default;
                        pending.TrySetException(Closed());
                    }

                    return;
                }

                request = _request;
                target = _target;
                writable = _writable;
                _taken = request is not null;
                _polling = true;
            }

            fds[0] = new PollFd { Fd = socketFd, Events = (short)((request is not null ? PollIn : 0) | (writable is not null ? PollOut : 0)) };
            fds[1] = new PollFd { Fd = _wakeFd, Events = PollIn };
            int ready = Poll(ref fds[0], 2, -1);
            int errno = ready < 0 ? Marshal.GetLastPInvokeError() : 0;
            lock (_lock)
            {
                _polling = false;
                _taken = false;
            }

            if (ready < 0)
            {
                if (errno == EINTR)
                {
                    continue;
                }

                Exception error = new IOException("poll on the daemon channel: " + Marshal.GetPInvokeErrorMessage(errno));
                FailWritable(writable, error);
                if (request is not null)
                {
                    Take();
                    Complete(request, 0, error);
                }

                continue;
            }

            if ((fds[1].Revents & PollIn) != 0)
            {
                DrainWake();
            }

            short revents = fds[0].Revents;
            if (writable is not null && (revents & (PollOut | PollErr | PollHup)) != 0)
            {
                // The writer tries again; an error shows there.
                lock (_lock)
                {
                    if (_writable == writable)
                    {
                        _writable = null;
                    }
                }

                writable.TrySetResult();
            }

            if (request is not null && (revents & (PollIn | PollErr | PollHup)) != 0)
            {
                // Readable, at its end, or shut down: the receive does not block.
                Take();
                int n;
                try
                {
                    n = _socket.Receive(target.Span, SocketFlags.None);
                }
                catch (Exception e)
                {
                    Complete(request, 0, e);
                    continue;
                }

                Complete(request, n, null);
            }
        }
    }

    private void Take()
    {
        lock (_lock)
        {
            _taken = true;
        }
    }

    private void FailWritable(TaskCompletionSource? writable, Exception error)
    {
        if (writable is null)
        {
            return;
        }

        lock (_lock)
        {
            if (_writable == writable)
            {
                _writable = null;
            }
        }

        writable.TrySetException(error);
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

    [DllImport("libc", EntryPoint = "poll", ExactSpelling = true, SetLastError = true)]
    private static extern int Poll(ref PollFd fds, nuint count, int timeoutMilliseconds);

    [DllImport("libc", EntryPoint = "send", ExactSpelling = true, SetLastError = true)]
    private static extern nint Send(int fd, ref byte buffer, nuint length, int flags);

    [DllImport("libc", EntryPoint = "eventfd", ExactSpelling = true, SetLastError = true)]
    private static extern int EventFd(uint initialValue, int flags);

    [DllImport("libc", EntryPoint = "write", ExactSpelling = true, SetLastError = true)]
    private static extern nint Write(int fd, ref ulong value, nuint length);

    [DllImport("libc", EntryPoint = "read", ExactSpelling = true, SetLastError = true)]
    private static extern nint Read(int fd, ref ulong value, nuint length);

    [DllImport("libc", EntryPoint = "close", ExactSpelling = true, SetLastError = true)]
    private static extern int CloseFd(int fd);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
