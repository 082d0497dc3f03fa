using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Generator.Tests.Support;
using Guestfs.Idl.Actions;

namespace Guestfs.Generator.Tests;

/// <summary>
/// Every range the repository's actions table states is enforced by the generated code: for each ranged
/// argument and optional argument of each daemon action, the value just outside the range throws
/// <see cref="ArgumentOutOfRangeException"/> naming it (<c>size</c>, <c>options.Blocksize</c>) with nothing sent,
/// and the bound itself is sent.
/// </summary>
public sealed class RangeGuardCoverageTests : IClassFixture<GeneratedAssemblyFixture>
{
    private readonly GeneratedAssemblyFixture _fixture;

    public RangeGuardCoverageTests(GeneratedAssemblyFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string, string> RangedArguments()
    {
        var data = new TheoryData<string, string>();
        foreach (ActionSpec action in Table().Actions.Where(static a => a.IsDaemon))
        {
            foreach (ArgumentSpec argument in action.Arguments.Where(static a => a.Range is not null))
            {
                data.Add(action.Name, argument.Name);
            }

            foreach (OptionalArgumentSpec option in action.OptionalArguments.Where(static o => o.Range is not null))
            {
                data.Add(action.Name, "options." + option.Name);
            }
        }

        return data;
    }

    [Fact]
    public void Table_StatesRanges()
    {
        Assert.True(RangedArguments().Count() >= 100, $"only {RangedArguments().Count()} ranged arguments in the table");
    }

    [Theory]
    [MemberData(nameof(RangedArguments))]
    public async Task RangedArgument_OutsideRejectedBeforeSending_BoundSent(string actionName, string argumentName)
    {
        ActionSpec action = Table().Actions.Single(a => a.Name == actionName);
        bool isOption = argumentName.StartsWith("options.", StringComparison.Ordinal);
        string wireName = isOption ? argumentName["options.".Length..] : argumentName;
        ArgumentRangeSpec range = isOption
            ? action.OptionalArguments.Single(o => o.Name == wireName).Range!
            : action.Arguments.Single(a => a.Name == wireName).Range!;
        bool wide = isOption
            ? action.OptionalArguments.Single(o => o.Name == wireName).Kind == OptionalArgumentKind.OInt64
            : action.Arguments.Single(a => a.Name == wireName).Kind == ArgumentKind.Int64;
        long bound = range.Minimum ?? range.Maximum!.Value;
        long outside = range.Minimum is long min ? min - 1 : range.Maximum!.Value + 1;
        MethodInfo method = Method(action);
        string expectedName = isOption ? "options." + PropertyName(method, wireName) : method.GetParameters().Single(p => WireName(p.Name!) == wireName).Name!;

        object handle = NewHandle();
        ArgumentOutOfRangeException e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Invoke(handle, method, wireName, isOption, wide, outside));
        Assert.Equal(expectedName, e.ParamName);
        Assert.Empty(Calls(handle));

        object sent = NewHandle();
        try
        {
            await Invoke(sent, method, wireName, isOption, wide, bound);
        }
        catch (Exception other) when (other is not ArgumentException)
        {
            // The stand-in has no reply queued for calls that return something; what matters is that it was sent.
        }

        Assert.Single(Calls(sent));
    }

    private static ActionsSpec Table()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepoPaths.Idl, "actions"), "*.actions").Select(static f => (f, File.ReadAllText(f)));
        ActionsBindResult bound = ActionsBinder.ParseAndBind(files);
        Assert.Empty(bound.Diagnostics);
        return bound.Spec;
    }

    private MethodInfo Method(ActionSpec action)
    {
        string name = action.CSharpName + "Async";
        return _fixture.Type("Guestfs.GuestfsHandle").GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(m => m.Name == name && m.GetParameters().All(static p => p.ParameterType != typeof(string) || p.Name != "filename"))
            .OrderByDescending(static m => m.GetParameters().Count(static p => p.ParameterType == typeof(Stream)))
            .First();
    }

    private static string PropertyName(MethodInfo method, string wireName) =>
        method.GetParameters().Single(static p => p.Name == "options").ParameterType.GetProperties()
            .Single(p => string.Equals(p.Name, wireName.Replace("_", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)).Name;

    private static string WireName(string parameterName) => parameterName.TrimStart('@');

    private object NewHandle() => Activator.CreateInstance(_fixture.Type("Guestfs.GuestfsHandle"))!;

    private static List<object> Calls(object handle) =>
        ((IEnumerable)handle.GetType().GetProperty("Calls")!.GetValue(handle)!).Cast<object>().ToList();

    private static async Task Invoke(object handle, MethodInfo method, string wireName, bool isOption, bool wide, long value)
    {
        object?[] args = method.GetParameters().Select(p => Argument(p, wireName, isOption, wide, value)).ToArray();
        Task task;
        try
        {
            task = (Task)method.Invoke(handle, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }

        await task;
    }

    private static object? Argument(ParameterInfo p, string wireName, bool isOption, bool wide, long value)
    {
        Type t = p.ParameterType;
        if (p.Name == "options")
        {
            object options = Activator.CreateInstance(t)!;
            if (isOption)
            {
                t.GetProperty(PropertyName(p.Member as MethodInfo ?? throw new InvalidOperationException(), wireName))!
                    .SetValue(options, wide ? (object)value : checked((int)value));
            }

            return options;
        }

        if (!isOption && WireName(p.Name!) == wireName)
        {
            return wide ? (object)value : checked((int)value);
        }

        // A GUID argument (libguestfs names every one "guid") is checked before sending: give it a valid one.
        return t == typeof(string) && p.Name == "guid" ? "01234567-89ab-cdef-0123-456789abcdef"
            : t == typeof(string) ? "/dev/sda"
            : t == typeof(int) ? 1
            : t == typeof(long) ? 1L
            : t == typeof(bool) ? false
            : t == typeof(byte[]) ? Array.Empty<byte>()
            : t == typeof(Stream) ? new MemoryStream()
            : t == typeof(CancellationToken) ? CancellationToken.None
            : t.IsAssignableFrom(typeof(string[])) ? new[] { "/dev/sda" }
            : null;
    }
}
