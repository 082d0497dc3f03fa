using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Reads newline-terminated lines from a stream the appliance or qemu writes, never holding more than
/// <c>maxLength</c> bytes of one line: a longer line fails with an <see cref="IOException"/> naming the source, so
/// a peer that sends an endless line costs a bounded buffer and a clear error, not the host's memory.
/// </summary>
internal sealed class BoundedLineReader
{
    /// <summary>The longest line accepted from the appliance (the snapshot port's "ready", "done …", "fail …").</summary>
    public const int ApplianceLineMax = 4096;

    private readonly Stream _stream;
    private readonly int _maxLength;
    private readonly string _source;
    private readonly byte[] _buffer;
    private readonly byte[] _line;
    private int _start;
    private int _end;

    /// <summary>Creates a reader.</summary>
    /// <param name="stream">The stream; the reader does not own it.</param>
    /// <param name="maxLength">The longest line, in bytes, without its newline.</param>
    /// <param name="source">What the stream is, for errors ("the snapshot port").</param>
    /// <param name="bufferSize">
    /// How much to read at a time. 1 reads nothing past the newline, for a stream that is later read by other code.
    /// </param>
    public BoundedLineReader(Stream stream, int maxLength, string source, int bufferSize = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        _stream = stream;
        _maxLength = maxLength;
        _source = source;
        _buffer = new byte[bufferSize];
        _line = new byte[maxLength];
    }

    /// <summary>Reads the next line, without its newline (and a carriage return before it), decoded as UTF-8.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The line, or <see langword="null"/> when the stream ends before any byte of a new line.</returns>
    /// <exception cref="IOException">The line is longer than the limit, or the stream ended inside it.</exception>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        int length = 0;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                if (_end == 0)
                {
                    if (length == 0)
                    {
                        return null;
                    }

                    throw new IOException(string.Create(CultureInfo.InvariantCulture, $"{_source} closed in the middle of a line ({length} bytes without a newline)"));
                }
            }

            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            int take = (newline < 0 ? _end : newline) - _start;
            if (length + take > _maxLength)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture,
                    $"{_source} sent a line longer than {_maxLength} bytes; the line is refused"));
            }

            Buffer.BlockCopy(_buffer, _start, _line, length, take);
            length += take;
            _start += take;
            if (newline >= 0)
            {
                _start++;
                if (length > 0 && _line[length - 1] == (byte)'\r')
                {
                    length--;
                }

                return Encoding.UTF8.GetString(_line, 0, length);
            }
        }
    }
}
