namespace Gfish.Execution;

/// <summary>Progress of a long call.</summary>
/// <param name="Position">Units done so far.</param>
/// <param name="Total">Units in all.</param>
internal readonly record struct TransferProgress(long Position, long Total);
