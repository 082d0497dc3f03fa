using Guestfs.Idl.Common;

namespace Guestfs.Generator.Model;

/// <summary>The bind stage's result: the model (when there is something to generate) and every diagnostic so far.</summary>
/// <remarks>Flows between pipeline stages, so it must stay equatable (see <see cref="SdkSpec"/>).</remarks>
/// <param name="Spec">The bound model, or <see langword="null"/> when there is no <c>.x</c> input.</param>
/// <param name="Diagnostics">Parse, bind and validation diagnostics.</param>
internal sealed record BindResult(SdkSpec? Spec, EquatableArray<IdlDiagnostic> Diagnostics);
