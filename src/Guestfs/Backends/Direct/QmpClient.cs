using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Backends.Direct;

/// <summary>
/// A minimal QMP (qemu machine protocol) client over a connected socket: one command at a time, events skipped.
/// </summary>
internal sealed class QmpClient : IDisposable
{
    /// <summary>The longest QMP message accepted (replies and events of the commands we send are far smaller).</summary>
    private const int MaxMessageLength = 64 * 1024;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly BoundedLineReader _reader;

    /// <summary>Initializes a new instance of the <see cref="QmpClient"/> class.</summary>
    /// <param name="socket">The connected QMP socket; the client owns it.</param>
    public QmpClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new BoundedLineReader(_stream, MaxMessageLength, "qemu's monitor (QMP)");
    }

    /// <summary>Reads the greeting and leaves capabilities negotiation mode.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when commands can be sent.</returns>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        JsonNode greeting = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
        if (greeting["QMP"] is null)
        {
            throw new QmpException("qmp: expected the greeting, got " + greeting.ToJsonString());
        }

        await ExecuteAsync("qmp_capabilities", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one command and returns its <c>return</c> value.</summary>
    /// <param name="command">The command name.</param>
    /// <param name="arguments">Its arguments, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The <c>return</c> member of the reply.</returns>
    /// <exception cref="QmpException">qemu answered with an error.</exception>
    public async Task<JsonNode?> ExecuteAsync(string command, JsonObject? arguments, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["execute"] = command };
        if (arguments is not null)
        {
            request["arguments"] = arguments;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(request.ToJsonString() + "\n");
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands qemu an open file under <paramref name="name"/> (<c>getfd</c> with the descriptor attached), for a later
    /// command to use as <c>fd:NAME</c>. qemu gets its own copy: the caller may close <paramref name="file"/> after.
    /// </summary>
    /// <param name="name">The name qemu files it under.</param>
    /// <param name="file">The open file.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    /// <returns>A task that completes when qemu holds the descriptor.</returns>
    /// <exception cref="QmpException">qemu answered with an error.</exception>
    public async Task PassFileAsync(string name, SafeHandle file, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["execute"] = "getfd", ["arguments"] = new JsonObject { ["fdname"] = name } };
        DescriptorPassing.Send(_socket, Encoding.UTF8.GetBytes(request.ToJsonString() + "\n"), file);
        await ReadReplyAsync("getfd", cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonNode?> ReadReplyAsync(string command, CancellationToken cancellationToken)
    {
        while (true)
        {
            JsonNode reply = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            if (reply["event"] is not null)
            {
                continue;
            }

            if (reply["error"] is JsonNode error)
            {
                throw new QmpException($"qmp: {command}: {error["desc"]?.GetValue<string>() ?? error.ToJsonString()}");
            }

            return reply["return"];
        }
    }

    /// <summary>Runs a human monitor command and returns its output.</summary>
    /// <param name="commandLine">The HMP command line.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The text the command printed.</returns>
    public async Task<string> HumanAsync(string commandLine, CancellationToken cancellationToken)
    {
        JsonNode? result = await ExecuteAsync(
            "human-monitor-command", new JsonObject { ["command-line"] = commandLine }, cancellationToken).ConfigureAwait(false);
        return result?.GetValue<string>() ?? string.Empty;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stream.Dispose();
    }

    private async Task<JsonNode> ReadMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            string? line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new QmpException("qmp: qemu closed the monitor connection");
            if (line.Trim().Length == 0)
            {
                continue;
            }

            return JsonNode.Parse(line) ?? throw new QmpException("qmp: empty message");
        }
    }
}
