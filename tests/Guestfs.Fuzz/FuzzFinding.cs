using System;

namespace Guestfs.Fuzz;

/// <summary>An outcome the library does not allow: the fuzzer records the input as a crash.</summary>
internal sealed class FuzzFinding(string message, Exception? inner) : Exception(message, inner);
