namespace Guestfs.Idl.Xdr;

/// <summary>Which list of an <see cref="XdrSpec"/> an <see cref="XdrDefinitionRef"/> points into.</summary>
public enum XdrDefinitionKind
{
    /// <summary><see cref="XdrSpec.Constants"/>.</summary>
    Constant,

    /// <summary><see cref="XdrSpec.Enums"/>.</summary>
    Enum,

    /// <summary><see cref="XdrSpec.Typedefs"/>.</summary>
    Typedef,

    /// <summary><see cref="XdrSpec.Structs"/>.</summary>
    Struct,

    /// <summary><see cref="XdrSpec.Unions"/>.</summary>
    Union,

    /// <summary><see cref="XdrSpec.Programs"/>.</summary>
    Program,

    /// <summary><see cref="XdrSpec.PassThrough"/>.</summary>
    PassThrough,
}
