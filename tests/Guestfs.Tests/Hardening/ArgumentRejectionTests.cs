using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Tests.Hardening;

/// <summary>
/// Every public action of the handle (generated and library-side), called by reflection on a handle in CONFIG:
/// a null or NUL-carrying string argument is rejected with an exception naming that parameter, before the state
/// check, so before anything could be sent.
/// </summary>
public class ArgumentRejectionTests
{
    private const string Valid = "/dev/sda";

    public static TheoryData<string, string> StringParameters()
    {
        var data = new TheoryData<string, string>();
        var nullability = new NullabilityInfoContext();
        foreach (MethodInfo m in Actions())
        {
            foreach (ParameterInfo p in m.GetParameters())
            {
                bool isString = p.ParameterType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.ParameterType) && p.ParameterType != typeof(string);
                if (isString && nullability.Create(p).WriteState == NullabilityState.NotNull)
                {
                    data.Add(m.Name, p.Name!);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Actions_AreFound()
    {
        Assert.True(Actions().Count() > 300, $"only {Actions().Count()} actions found");
        Assert.True(StringParameters().Count() > 300);
    }

    [Theory]
    [MemberData(nameof(StringParameters))]
    public async Task Action_NullArgument_ArgumentNullExceptionNamingIt(string method, string parameter)
    {
        await using var g = new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null });
        ArgumentNullException e = await Assert.ThrowsAsync<ArgumentNullException>(() => Invoke(g, method, parameter, null));
        Assert.Equal(parameter, e.ParamName);
    }

    [Theory]
    [MemberData(nameof(StringParameters))]
    public async Task Action_EmbeddedNul_ArgumentExceptionNamingIt(string method, string parameter)
    {
        await using var g = new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null });
        MethodInfo m = Actions().First(a => a.Name == method);
        ParameterInfo p = m.GetParameters().Single(x => x.Name == parameter);
        object bad = p.ParameterType == typeof(string) ? Valid + "\0x" : new[] { Valid, Valid + "\0x" };
        ArgumentException e = await Assert.ThrowsAnyAsync<ArgumentException>(() => Invoke(g, method, parameter, bad));
        Assert.IsNotType<ArgumentNullException>(e);
        Assert.Equal(parameter, e.ParamName);
    }

    private static IEnumerable<MethodInfo> Actions() => typeof(GuestfsHandle)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal) && typeof(Task).IsAssignableFrom(m.ReturnType))
        .GroupBy(m => m.Name)
        .Select(g => g.OrderByDescending(m => m.GetParameters().Length).First());

    private static Task Invoke(GuestfsHandle g, string method, string parameter, object? value)
    {
        MethodInfo m = Actions().First(a => a.Name == method);
        object?[] args = m.GetParameters().Select(p => p.Name == parameter ? value : Dummy(p)).ToArray();
        try
        {
            return (Task)m.Invoke(g, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            return Task.FromException(e.InnerException);
        }
    }

    private static object? Dummy(ParameterInfo p)
    {
        Type t = p.ParameterType;
        if (t == typeof(string))
        {
            return Valid;
        }

        if (t == typeof(CancellationToken))
        {
            return CancellationToken.None;
        }

        if (t == typeof(Stream))
        {
            return Stream.Null;
        }

        if (t == typeof(byte[]))
        {
            return Array.Empty<byte>();
        }

        if (t.IsAssignableFrom(typeof(string[])))
        {
            return new[] { Valid };
        }

        if (t == typeof(int) || t == typeof(long))
        {
            return Convert.ChangeType(1, t, System.Globalization.CultureInfo.InvariantCulture);
        }

        return t.IsValueType ? Activator.CreateInstance(t) : null;
    }
}
