namespace Gfish.Terminal;

/// <summary>One tab completion.</summary>
/// <param name="Text">The completed word.</param>
/// <param name="Append">What follows it when it is the only completion: a space, or <c>/</c> after a directory.</param>
internal readonly record struct Completion(string Text, char Append);
