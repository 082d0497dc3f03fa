using Guestfs.Idl.Common;

namespace Guestfs.Generator.Model;

/// <summary>The emit stage's result: the file, or the internal error that prevented it.</summary>
/// <param name="File">The file, or <see langword="null"/>.</param>
/// <param name="Diagnostics">A GFS0900 diagnostic when emitting failed.</param>
internal sealed record EmitResult(GeneratedFileSpec? File, EquatableArray<IdlDiagnostic> Diagnostics);
