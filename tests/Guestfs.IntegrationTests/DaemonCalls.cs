using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Xdr;

namespace Guestfs.IntegrationTests;

/// <summary>
/// Test-side calls of daemon procedures, with args built by hand with <see cref="XdrWriter"/> (numbers from
/// procs.json). Each has the name and parameters of the generated typed method: once the generator is wired in,
/// the instance methods take precedence and this file can be deleted.
/// </summary>
internal static class DaemonCalls
{
    public static Task PartDiskAsync(this GuestfsHandle g, string device, string parttype) =>
        g.CallAsync((Procedure)210, new Args(w => { w.WriteString(device); w.WriteString(parttype); }), 0, new CallTransfer(ActionName: "part_disk"), default);

    public static Task MkfsAsync(this GuestfsHandle g, string fstype, string device) =>
        g.CallAsync((Procedure)278, new Args(w =>
        {
            w.WriteString(fstype);
            w.WriteString(device);
            w.WriteInt32(0); // blocksize
            w.WriteString(string.Empty); // features
            w.WriteInt32(0); // inode
            w.WriteInt32(0); // sectorsize
            w.WriteString(string.Empty); // label
        }), 0, new CallTransfer(ActionName: "mkfs"), default);

    public static Task MountAsync(this GuestfsHandle g, string mountable, string mountpoint) =>
        g.CallAsync(Procedure.Mount, new Args(w => { w.WriteString(mountable); w.WriteString(mountpoint); }), 0, new CallTransfer(ActionName: "mount", TraceArgs: $"\"{mountable}\" \"{mountpoint}\""), default);

    public static Task MkdirAsync(this GuestfsHandle g, string path) =>
        g.CallAsync(Procedure.Mkdir, new Args(w => w.WriteString(path)), 0, new CallTransfer(ActionName: "mkdir"), default);

    public static Task SyncAsync(this GuestfsHandle g) => g.CallAsync(Procedure.Sync, null, 0, new CallTransfer(ActionName: "sync"), default);

    public static Task SleepAsync(this GuestfsHandle g, int secs, CancellationToken cancellationToken = default) =>
        g.CallAsync((Procedure)109, new Args(w => w.WriteInt32(secs)), 0, new CallTransfer(ActionName: "sleep"), cancellationToken);

    public static Task PvcreateAsync(this GuestfsHandle g, string device) =>
        g.CallAsync((Procedure)39, new Args(w => w.WriteString(device)), 0, new CallTransfer(ActionName: "pvcreate"), default);

    public static Task VgcreateAsync(this GuestfsHandle g, string volgroup, IReadOnlyList<string> physvols, CancellationToken cancellationToken = default) =>
        g.CallAsync((Procedure)40, new Args(w =>
        {
            w.WriteString(volgroup);
            w.WriteArrayLength(physvols.Count);
            foreach (string p in physvols)
            {
                w.WriteString(p);
            }
        }), 0, new CallTransfer(ActionName: "vgcreate"), cancellationToken);

    public static Task LvcreateAsync(this GuestfsHandle g, string logvol, string volgroup, int mbytes) =>
        g.CallAsync((Procedure)41, new Args(w => { w.WriteString(logvol); w.WriteString(volgroup); w.WriteInt32(mbytes); }), 0, new CallTransfer(ActionName: "lvcreate"), default);

    public static async Task<IReadOnlyList<string>> LvsAsync(this GuestfsHandle g) =>
        (await g.CallAsync<StringList>((Procedure)11, null, 0, new CallTransfer(ActionName: "lvs"), default)).Values;

    public static async Task<IReadOnlyList<string>> VgsAsync(this GuestfsHandle g) =>
        (await g.CallAsync<StringList>((Procedure)10, null, 0, new CallTransfer(ActionName: "vgs"), default)).Values;

    public static async Task<IReadOnlyList<string>> ListDevicesAsync(this GuestfsHandle g) =>
        (await g.CallAsync<StringList>(Procedure.ListDevices, null, 0, new CallTransfer(ActionName: "list_devices"), default)).Values;

    public static async Task<IReadOnlyList<string>> ListPartitionsAsync(this GuestfsHandle g) =>
        (await g.CallAsync<StringList>((Procedure)8, null, 0, new CallTransfer(ActionName: "list_partitions"), default)).Values;

    /// <summary><c>list_filesystems</c>: an RHashtable, on the wire a flat list of key, value, key, value …</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ListFilesystemsAsync(this GuestfsHandle g)
    {
        IReadOnlyList<string> flat = (await g.CallAsync<StringList>((Procedure)476, null, 0, new CallTransfer(ActionName: "list_filesystems"), default)).Values;
        var map = new Dictionary<string, string>();
        for (int i = 0; i + 1 < flat.Count; i += 2)
        {
            map[flat[i]] = flat[i + 1];
        }

        return map;
    }

    public static async Task<string> ChecksumAsync(this GuestfsHandle g, string csumtype, string path) =>
        (await g.CallAsync<StringValue>(Procedure.Checksum, new Args(w => { w.WriteString(csumtype); w.WriteString(path); }), 0, new CallTransfer(ActionName: "checksum"), default)).Value;

    public static async Task<long> FilesizeAsync(this GuestfsHandle g, string file) =>
        (await g.CallAsync<Int64Value>((Procedure)218, new Args(w => w.WriteString(file)), 0, new CallTransfer(ActionName: "filesize"), default)).Value;

    public static Task UploadAsync(this GuestfsHandle g, Stream source, string remotefilename, IProgress<GuestfsProgress>? progress = null, CancellationToken cancellationToken = default) =>
        g.CallAsync(Procedure.Upload, new Args(w => w.WriteString(remotefilename)), 0, new CallTransfer(Upload: source, Progress: progress, ActionName: "upload"), cancellationToken);

    public static Task DownloadAsync(this GuestfsHandle g, string remotefilename, Stream destination, IProgress<GuestfsProgress>? progress = null, CancellationToken cancellationToken = default) =>
        g.CallAsync(Procedure.Download, new Args(w => w.WriteString(remotefilename)), 0, new CallTransfer(Download: destination, Progress: progress, ActionName: "download"), cancellationToken);

    private sealed class Args(Action<XdrWriter> encode) : IXdrEncodable
    {
        public void Encode(ref XdrWriter writer) => encode(writer);
    }

    private sealed record StringList(IReadOnlyList<string> Values) : IXdrDecodable<StringList>
    {
        public static StringList Decode(ref XdrReader reader)
        {
            int n = reader.ReadArrayLength();
            var list = new string[n];
            for (int i = 0; i < n; i++)
            {
                list[i] = reader.ReadString();
            }

            return new StringList(list);
        }
    }

    private sealed record StringValue(string Value) : IXdrDecodable<StringValue>
    {
        public static StringValue Decode(ref XdrReader reader) => new(reader.ReadString());
    }

    private sealed record Int64Value(long Value) : IXdrDecodable<Int64Value>
    {
        public static Int64Value Decode(ref XdrReader reader) => new(reader.ReadInt64());
    }
}
