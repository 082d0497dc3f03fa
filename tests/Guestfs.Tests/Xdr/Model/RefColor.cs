namespace Guestfs.Tests.Xdr.Model;

/// <summary>The enum <c>ref_color</c> of <c>Reference/xdr_reference.x</c>.</summary>
internal enum RefColor
{
    Red = 0,
    Green = 1,
    Blue = 2,
    Negative = -5,
}
