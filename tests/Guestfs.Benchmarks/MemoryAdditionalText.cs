using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Guestfs.Benchmarks;

/// <summary>An additional file handed to the generator from memory.</summary>
/// <param name="path">The file's path.</param>
/// <param name="text">Its text.</param>
internal sealed class MemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
