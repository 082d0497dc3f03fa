namespace Guestfs.Generator.Model;

/// <summary>The part an XDR structure plays in an action's trace lines.</summary>
internal enum TraceRole
{
    /// <summary>None: not an action's arguments or result.</summary>
    None,

    /// <summary>The <c>_args</c> structure: its fields are the traced arguments.</summary>
    Arguments,

    /// <summary>The <c>_ret</c> structure: its single field is the traced result.</summary>
    Result,
}
