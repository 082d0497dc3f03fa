using Guestfs.Tools.Common;

namespace Guestfs.Tools.Ls;

/// <summary>How virt-ls shows files (its command-line flags).</summary>
internal sealed class LsSettings : FileFieldOptions
{
    /// <summary><c>-l</c>.</summary>
    public bool Long { get; private set; }

    /// <summary><c>-R</c>.</summary>
    public bool Recursive { get; private set; }

    /// <summary><c>--json</c>.</summary>
    public bool Json { get; private set; }

    /// <inheritdoc/>
    public override bool Handle(ParsedOption option)
    {
        switch (option.Key)
        {
            case "l":
                Long = true;
                return true;
            case "R":
                Recursive = true;
                return true;
            case "json":
                Json = true;
                return true;
            default:
                return base.Handle(option);
        }
    }
}
