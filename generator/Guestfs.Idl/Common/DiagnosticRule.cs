namespace Guestfs.Idl.Common;

/// <summary>One row of <see cref="DiagnosticRules"/>.</summary>
/// <param name="Id">The stable id, <c>GFS</c> + four digits.</param>
/// <param name="Name">The rule's name, as the id constant and the analyzer release notes spell it.</param>
/// <param name="Title">A short title.</param>
/// <param name="Severity">The severity every diagnostic of the rule has.</param>
/// <param name="Category">The analyzer category.</param>
/// <param name="MessageFormat">The message, <c>{0}</c>… filled in where the diagnostic is made.</param>
/// <param name="Description">What the placeholders hold, or why the rule is what it is; may be empty.</param>
public sealed record DiagnosticRule(string Id, string Name, string Title, IdlSeverity Severity, string Category, string MessageFormat, string Description);
