using System.Reflection;
using System.Text.RegularExpressions;

namespace DescribeFunction.Tests.Docs;

/// <summary>
/// What a docs reference may name: the repository's files and folders, and the types, namespaces and members of our
/// assemblies (the function, the local runner, the tests) and of every library they reference.
/// </summary>
public static partial class CodeUniverse
{
    private static readonly string[] PathBases =
        ["", "src/DescribeFunction/", "src/DescribeFunction.Local/", "tests/DescribeFunction.Tests/", "tests/DescribeFunction.Benchmarks/"];

    private static readonly Lazy<string> Sources = new(() => string.Join('\n', Repository.Entries
        .Where(e => (e.StartsWith("src/", StringComparison.Ordinal) || e.StartsWith("tests/", StringComparison.Ordinal)) && e.EndsWith(".cs", StringComparison.Ordinal))
        .Select(e => CommentPattern().Replace(Repository.Read(e), ""))));

    private static readonly Lazy<TypeIndex> Types = new(TypeIndex.Load);

    public static bool PathExists(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var entries = Repository.Entries;
        if (path.Contains('…', StringComparison.Ordinal))
        {
            var pattern = new Regex("^(?:" + string.Join('|', PathBases.Select(Regex.Escape)) + ")"
                + string.Join(".*", path.TrimEnd('/').Split('…').Select(Regex.Escape)) + "/?$");
            return entries.Any(pattern.IsMatch);
        }

        var trimmed = path.TrimEnd('/');
        return Exists(trimmed) || IsFileAndMember(trimmed);
    }

    private static bool Exists(string path) =>
        PathBases.Any(b => Repository.Entries.Contains(b + path) || Repository.Entries.Contains(b + path + "/"))
        || (!path.Contains('/', StringComparison.Ordinal) && Repository.Entries.Any(e => e.TrimEnd('/').EndsWith("/" + path, StringComparison.Ordinal)));

    /// <summary><c>Folder/Type.Member</c>: the file <c>Folder/Type.cs</c> exists and the type has that member.</summary>
    private static bool IsFileAndMember(string path)
    {
        var slash = path.LastIndexOf('/');
        var typeAndMember = path[(slash + 1)..];
        return slash > 0 && TypeAndMemberPattern().IsMatch(typeAndMember)
            && Exists(path[..path.LastIndexOf('.')] + ".cs") && TypeExists(typeAndMember);
    }

    /// <summary>A type (simple or full name), a namespace, or <c>Type.Member</c> (a member or nested type).</summary>
    public static bool TypeExists(string dottedName)
    {
        ArgumentNullException.ThrowIfNull(dottedName);
        var index = Types.Value;
        if (index.Namespaces.Contains(dottedName) || index.ByName.ContainsKey(dottedName))
        {
            return true;
        }

        if (!dottedName.Contains('.', StringComparison.Ordinal))
        {
            // A bare name may be a member of one of our types, or a type or member of a program the tests do not
            // reference (the benchmarks): then it must be declared in the sources, not merely called.
            return index.OurMembers.Contains(dottedName) || IsDeclaredInSources(dottedName);
        }

        var parts = dottedName.Split('.');
        for (var k = parts.Length - 1; k >= 1; k--)
        {
            var owner = string.Join('.', parts[..k]);
            if (index.ByName.TryGetValue(owner, out var types)
                && types.Any(t => t.GetMember(parts[k], MemberTypes.All, TypeIndex.Everything).Length > 0))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDeclaredInSources(string name) =>
        Regex.IsMatch(Sources.Value, $@"(?:\b(?:class|record|struct|interface|enum)\s+{name}\b)|(?:[\w>\]?](?<!\b(?:await|return|new|throw|is|as|case|yield|else|in))\s+{name}\s*(?:<[^<>]*>)?\s*(?:\(|\{{|=>|=(?!=)|;))");

    /// <summary>A test method of this assembly named <c>Name</c>, or starting with it when it ends in <c>…</c>, maybe in class <c>Class.</c>.</summary>
    public static bool TestExists(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var type = dot > 0 ? text[..dot] : null;
        var method = dot > 0 ? text[(dot + 1)..] : text;
        var prefix = method.EndsWith('…');
        method = method.TrimEnd('…');
        return typeof(CodeUniverse).Assembly.GetTypes()
            .Where(t => type is null || t.Name == type)
            .SelectMany(t => t.GetMethods(TypeIndex.Everything))
            .Any(m => prefix ? m.Name.StartsWith(method, StringComparison.Ordinal) : m.Name == method);
    }

    private sealed class TypeIndex
    {
        public const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

        public Dictionary<string, List<Type>> ByName { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Namespaces { get; } = new(StringComparer.Ordinal);

        /// <summary>Member names of the types of our assemblies (DescribeFunction, DescribeFunction.Local, the tests).</summary>
        public HashSet<string> OurMembers { get; } = new(StringComparer.Ordinal);

        public static TypeIndex Load()
        {
            var index = new TypeIndex();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Queue<Assembly>([typeof(CodeUniverse).Assembly, typeof(DescribeImageFunction).Assembly, Assembly.Load(new AssemblyName("DescribeFunction.Local"))]);
            while (pending.TryDequeue(out var assembly))
            {
                if (!seen.Add(assembly.GetName().Name!))
                {
                    continue;
                }

                foreach (var type in LoadableTypes(assembly))
                {
                    index.Add(type);
                }

                foreach (var reference in assembly.GetReferencedAssemblies().Where(r => !seen.Contains(r.Name!)))
                {
                    try
                    {
                        pending.Enqueue(Assembly.Load(reference));
                    }
                    catch (IOException)
                    {
                        // A reference the runtime cannot resolve here names nothing a doc could use.
                    }
                }
            }

            return index;
        }

        private static Type[] LoadableTypes(Assembly assembly)
        {
            try
            {
                return assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                return [.. e.Types.OfType<Type>()];
            }
        }

        private void Add(Type type)
        {
            var simple = type.Name.Split('`')[0];
            var full = (type.FullName ?? type.Name).Split('`')[0].Replace('+', '.');
            foreach (var name in new[] { simple, full }.Distinct())
            {
                if (!ByName.TryGetValue(name, out var list))
                {
                    ByName[name] = list = [];
                }

                list.Add(type);
            }

            if (type.Assembly.GetName().Name!.StartsWith("DescribeFunction", StringComparison.Ordinal))
            {
                OurMembers.UnionWith(type.GetMembers(Everything | BindingFlags.DeclaredOnly).Select(m => m.Name));
            }

            for (var ns = type.Namespace; !string.IsNullOrEmpty(ns); ns = ns.Contains('.', StringComparison.Ordinal) ? ns[..ns.LastIndexOf('.')] : null)
            {
                Namespaces.Add(ns);
            }
        }
    }

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9]*$")]
    private static partial Regex TypeAndMemberPattern();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex CommentPattern();
}
