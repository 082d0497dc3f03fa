using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Guestfs.Tests;

/// <summary><c>--key</c> selectors (libguestfs-common's <c>keys.c</c>): parsing with guestfish 1.48.6's messages, and which keys a device gets.</summary>
public sealed class LuksKeyStoreTests
{
    [Theory]
    [InlineData("foo", "selector 'foo': missing TYPE")]
    [InlineData("", "selector '': missing ID")]
    [InlineData("a:key", "selector 'a:key': missing KEY_STRING, or too many fields")]
    [InlineData("a:key:b:c", "selector 'a:key:b:c': missing KEY_STRING, or too many fields")]
    [InlineData("a:file", "selector 'a:file': missing FILENAME, or too many fields")]
    [InlineData("a:clevis:x", "selector 'a:clevis:x': too many fields")]
    [InlineData("a:bogus", "selector 'a:bogus': invalid TYPE")]
    public void Add_MalformedSelector_StockMessage(string selector, string message)
    {
        var e = Assert.Throws<FormatException>(() => new LuksKeyStore().Add(selector));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task Provider_SelectorsByDeviceOrUuidInOrder_ElseAsks()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "from-file\nsecond line\n");
            var store = new LuksKeyStore();
            store.Add("/dev/sda2:key:one");
            store.Add("1234-uuid:file:" + file);
            store.Add("/dev/sdb1:clevis");
            string? asked = null;
            var provider = store.Provider(device => { asked = device; return "typed"; });

            Assert.Equal(["one", "from-file"], (await provider("/dev/sda2", "1234-uuid", default)).Select(k => k.Passphrase));
            Assert.Null(asked);
            Assert.True((await provider("/dev/sdb1", null, default)).Single().Clevis);
            Assert.Equal("typed", (await provider("/dev/sda3", "other", default)).Single().Passphrase);
            Assert.Equal("/dev/sda3", asked);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Provider_NothingTyped_CouldNotReadKey()
    {
        var provider = new LuksKeyStore().Provider(_ => null);
        var e = await Assert.ThrowsAsync<LuksKeyException>(async () => await provider("/dev/sda1", null, default));
        Assert.Equal("could not read key from user", e.Message);
    }

    [Fact]
    public async Task Provider_MissingKeyFile_FopenMessage()
    {
        var store = new LuksKeyStore();
        store.Add("/dev/sda1:file:/nonexistent/key");
        var e = await Assert.ThrowsAsync<LuksKeyException>(async () => await store.Provider(_ => "x")("/dev/sda1", null, default));
        Assert.Equal("fopen: /nonexistent/key: No such file or directory", e.Message);
    }
}
