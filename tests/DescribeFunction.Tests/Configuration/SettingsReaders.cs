using System.Reflection;
using DescribeFunction.Configuration;

namespace DescribeFunction.Tests.Configuration;

/// <summary>
/// Which settings records each type of an assembly receives (as a parameter of a constructor or method) and which it
/// reads: calls a property getter of, or hands to a method that takes it, in its own IL or its compiler-made closures
/// and state machines.
/// </summary>
internal static class SettingsReaders
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The topic records and their aggregate, <see cref="FunctionSettings"/>.</summary>
    public static IReadOnlyList<Type> SettingsTypes(Assembly assembly) =>
        [.. assembly.GetTypes().Where(t => t.Namespace == typeof(FunctionSettings).Namespace && t.Name.EndsWith("Settings", StringComparison.Ordinal) && t.IsClass)];

    /// <summary>"Type receives Record but never reads it", one line per such pair; empty when every record received is read.</summary>
    public static IReadOnlyList<string> UnreadRecords(IEnumerable<Type> types, IReadOnlyCollection<Type> settingsTypes)
    {
        var problems = new List<string>();
        foreach (var type in types.Where(t => !t.Name.Contains('<', StringComparison.Ordinal) && !settingsTypes.Contains(t)))
        {
            var received = Methods(type, nested: false)
                .SelectMany(m => m.GetParameters())
                .Select(p => p.ParameterType)
                .Where(settingsTypes.Contains)
                .ToHashSet();
            if (received.Count == 0)
            {
                continue;
            }

            var read = MethodsCalled(type)
                .SelectMany(m => m.IsSpecialName && m.Name.StartsWith("get_", StringComparison.Ordinal)
                    ? [m.DeclaringType!]
                    : m.GetParameters().Select(p => p.ParameterType))
                .ToHashSet();
            problems.AddRange(received.Where(r => !read.Contains(r)).Select(r => $"{type.FullName} receives {r.Name} but never reads it"));
        }

        return problems;
    }

    private static IEnumerable<MethodBase> Methods(Type type, bool nested)
    {
        IEnumerable<MethodBase> own = [.. type.GetConstructors(Declared), .. type.GetMethods(Declared)];
        return nested ? own.Concat(type.GetNestedTypes(Declared).SelectMany(t => Methods(t, nested: true))) : own;
    }

    /// <summary>The methods named by a call in any method body of the type or its nested types.</summary>
    private static IEnumerable<MethodBase> MethodsCalled(Type type)
    {
        foreach (var method in Methods(type, nested: true))
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is null)
            {
                continue;
            }

            // call (0x28), callvirt (0x6F) and newobj (0x73) take a 4-byte method token; a stray match resolves to nothing
            // or to a method unrelated to settings.
            for (var i = 0; i + 4 < il.Length; i++)
            {
                if (il[i] is not (0x28 or 0x6F or 0x73))
                {
                    continue;
                }

                var token = BitConverter.ToInt32(il, i + 1);
                if ((token >> 24) is not (0x06 or 0x0A))
                {
                    continue;
                }

                MethodBase? target = null;
                try
                {
                    target = method.Module.ResolveMethod(token, type.IsGenericType ? type.GetGenericArguments() : null, null);
                }
                catch (ArgumentException)
                {
                }

                if (target is not null)
                {
                    yield return target;
                }
            }
        }
    }
}
