using System;
using System.ComponentModel;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Sends an open file descriptor with data over a unix socket (<c>SCM_RIGHTS</c>), which .NET sockets do not expose.
/// qemu's monitor takes it with the <c>getfd</c> command that the data carries.
/// </summary>
internal static class DescriptorPassing
{
    private const int SolSocket = 1;
    private const int ScmRights = 1;
    private const int ErrorAgain = 11;
    private const int ErrorInterrupted = 4;
    private const int NoSignal = 0x4000;

    /// <summary>Sends <paramref name="data"/> with <paramref name="descriptor"/> attached to its first byte.</summary>
    /// <param name="socket">A connected unix stream socket.</param>
    /// <param name="data">The bytes to send (all of them are sent).</param>
    /// <param name="descriptor">The descriptor; the receiver gets its own copy, this one stays open.</param>
    /// <exception cref="IOException">sendmsg failed.</exception>
    public static void Send(Socket socket, ReadOnlySpan<byte> data, SafeHandle descriptor)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(descriptor);
        if (data.IsEmpty)
        {
            throw new ArgumentException("the descriptor travels with at least one byte of data", nameof(data));
        }

        // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } then the data, each part aligned to size_t.
        int header = Align(IntPtr.Size + 8);
        int controlLength = header + Align(sizeof(int));
        IntPtr buffer = Marshal.AllocHGlobal(data.Length);
        IntPtr control = Marshal.AllocHGlobal(controlLength);
        IntPtr vector = Marshal.AllocHGlobal(Marshal.SizeOf<IoVector>());
        bool addedSocket = false, addedDescriptor = false;
        try
        {
            Marshal.Copy(data.ToArray(), 0, buffer, data.Length);
            for (int i = 0; i < controlLength; i++)
            {
                Marshal.WriteByte(control, i, 0);
            }

            socket.SafeHandle.DangerousAddRef(ref addedSocket);
            descriptor.DangerousAddRef(ref addedDescriptor);
            Marshal.WriteIntPtr(control, 0, header + sizeof(int));
            Marshal.WriteInt32(control, IntPtr.Size, SolSocket);
            Marshal.WriteInt32(control, IntPtr.Size + 4, ScmRights);
            Marshal.WriteInt32(control, header, (int)descriptor.DangerousGetHandle());
            Marshal.StructureToPtr(new IoVector { Base = buffer, Length = (nuint)data.Length }, vector, false);
            var message = new MessageHeader { Vector = vector, VectorCount = 1, Control = control, ControlLength = (nuint)controlLength };

            nint sent;
            for (int attempt = 0; ; attempt++)
            {
                sent = SendMessage((int)socket.SafeHandle.DangerousGetHandle(), ref message, NoSignal);
                int error = Marshal.GetLastPInvokeError();
                if (sent >= 0)
                {
                    break;
                }

                if (error == ErrorInterrupted || (error == ErrorAgain && attempt < 5000))
                {
                    Thread.Sleep(1);    // a full socket buffer: the monitor reads it soon
                    continue;
                }

                throw new IOException("sendmsg: passing a file descriptor to qemu failed", new Win32Exception(error));
            }

            if (sent < data.Length)
            {
                // The descriptor went with the first part; the rest is ordinary data.
                socket.Send(data[(int)sent..]);
            }
        }
        finally
        {
            if (addedDescriptor)
            {
                descriptor.DangerousRelease();
            }

            if (addedSocket)
            {
                socket.SafeHandle.DangerousRelease();
            }

            Marshal.FreeHGlobal(vector);
            Marshal.FreeHGlobal(control);
            Marshal.FreeHGlobal(buffer);
        }
    }

    private static int Align(int length) => (length + IntPtr.Size - 1) & ~(IntPtr.Size - 1);

    [DllImport("libc", EntryPoint = "sendmsg", ExactSpelling = true, SetLastError = true)]
    private static extern nint SendMessage(int socket, ref MessageHeader message, int flags);

    /// <summary>struct msghdr.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public IntPtr Name;
        public uint NameLength;
        public IntPtr Vector;
        public nuint VectorCount;
        public IntPtr Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public IntPtr Base;
        public nuint Length;
    }
}
