using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace DescribeFunction.Tests.Architecture;

/// <summary>
/// Which top-level folders (namespaces) of an assembly use which, read from the compiled metadata and IL: base types,
/// interfaces, generic constraints, field, property, event and method signatures, local variables, attributes, and
/// every type, method or field token an instruction names. Compiler-made types (closures, async state machines,
/// lambdas) count for the type that declares them. Constants are inlined by the compiler and leave no trace.
/// </summary>
internal static class FolderDependencies
{
    public const string RootFolder = "(root)";

    /// <summary>Folder → the set of other folders whose types it references, with one example reference each.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Read(string assemblyPath, string rootNamespace)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var folders = new Dictionary<string, Dictionary<string, string>>();

        foreach (var handle in md.TypeDefinitions)
        {
            var owner = FolderOf(md, handle, rootNamespace);
            if (owner is null)
            {
                continue;
            }

            var from = folders.TryGetValue(owner, out var existing) ? existing : folders[owner] = [];
            var typeName = FullName(md, handle);
            foreach (var target in ReferencedTypes(md, pe, handle))
            {
                var folder = FolderOf(md, target, rootNamespace);
                if (folder is not null && folder != owner)
                {
                    from.TryAdd(folder, $"{typeName} → {FullName(md, target)}");
                }
            }
        }

        return folders.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, string>)p.Value);
    }

    /// <summary>Every cycle's folders in order (the strongly connected components with more than one folder).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, IReadOnlyCollection<string>> edges)
    {
        // Tarjan's algorithm; the graphs are a few dozen nodes, so recursion depth is no concern.
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var onStack = new HashSet<string>();
        var stack = new Stack<string>();
        var result = new List<IReadOnlyList<string>>();
        var next = 0;

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in edges.TryGetValue(node, out var targets) ? targets : [])
            {
                if (index.TryGetValue(target, out var targetIndex))
                {
                    if (onStack.Contains(target))
                    {
                        low[node] = Math.Min(low[node], targetIndex);
                    }
                }
                else
                {
                    Visit(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);

                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    result.Add(component);
                }
            }
        }

        foreach (var node in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return result;
    }

    private static string? FolderOf(MetadataReader md, TypeDefinitionHandle handle, string rootNamespace)
    {
        var type = md.GetTypeDefinition(handle);
        while (type.IsNested)
        {
            type = md.GetTypeDefinition(type.GetDeclaringType());
        }

        var ns = md.GetString(type.Namespace);
        if (ns == rootNamespace || (ns.Length == 0 && md.GetString(type.Name) == "Program"))
        {
            return RootFolder; // the top-level statements' Program is in the global namespace
        }

        if (!ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
        {
            return null; // <Module>, <PrivateImplementationDetails>, compiler-generated attributes
        }

        var rest = ns[(rootNamespace.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static string FullName(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        var name = md.GetString(type.Name);
        return type.IsNested
            ? FullName(md, type.GetDeclaringType()) + "+" + name
            : md.GetString(type.Namespace) + "." + name;
    }

    private static HashSet<TypeDefinitionHandle> ReferencedTypes(MetadataReader md, PEReader pe, TypeDefinitionHandle handle)
    {
        var found = new HashSet<TypeDefinitionHandle>();
        var provider = new TypeCollector(found);
        var type = md.GetTypeDefinition(handle);

        AddType(md, type.BaseType, provider);
        foreach (var i in type.GetInterfaceImplementations())
        {
            AddType(md, md.GetInterfaceImplementation(i).Interface, provider);
        }

        AddGenericParameters(md, type.GetGenericParameters(), provider);
        AddAttributes(md, type.GetCustomAttributes(), provider);

        foreach (var f in type.GetFields())
        {
            var field = md.GetFieldDefinition(f);
            field.DecodeSignature(provider, null);
            AddAttributes(md, field.GetCustomAttributes(), provider);
        }

        foreach (var p in type.GetProperties())
        {
            var property = md.GetPropertyDefinition(p);
            property.DecodeSignature(provider, null);
            AddAttributes(md, property.GetCustomAttributes(), provider);
        }

        foreach (var e in type.GetEvents())
        {
            AddType(md, md.GetEventDefinition(e).Type, provider);
        }

        foreach (var m in type.GetMethods())
        {
            var method = md.GetMethodDefinition(m);
            method.DecodeSignature(provider, null);
            AddGenericParameters(md, method.GetGenericParameters(), provider);
            AddAttributes(md, method.GetCustomAttributes(), provider);
            foreach (var p in method.GetParameters())
            {
                AddAttributes(md, md.GetParameter(p).GetCustomAttributes(), provider);
            }

            if (method.RelativeVirtualAddress != 0)
            {
                AddBody(md, pe.GetMethodBody(method.RelativeVirtualAddress), provider);
            }
        }

        return found;
    }

    private static void AddGenericParameters(MetadataReader md, GenericParameterHandleCollection parameters, TypeCollector provider)
    {
        foreach (var g in parameters)
        {
            foreach (var c in md.GetGenericParameter(g).GetConstraints())
            {
                AddType(md, md.GetGenericParameterConstraint(c).Type, provider);
            }
        }
    }

    private static void AddAttributes(MetadataReader md, CustomAttributeHandleCollection attributes, TypeCollector provider)
    {
        foreach (var a in attributes)
        {
            AddMember(md, md.GetCustomAttribute(a).Constructor, provider);
        }
    }

    private static void AddBody(MetadataReader md, MethodBodyBlock body, TypeCollector provider)
    {
        if (!body.LocalSignature.IsNil)
        {
            md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null);
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            var opCode = ReadOpCode(ref il);
            var size = OperandSize(opCode, ref il);
            if (size == TokenOperand)
            {
                AddMember(md, MetadataTokens.EntityHandle(il.ReadInt32()), provider);
            }
            else
            {
                il.Offset += size;
            }
        }
    }

    private static void AddMember(MetadataReader md, EntityHandle handle, TypeCollector provider)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
            case HandleKind.TypeReference:
            case HandleKind.TypeSpecification:
                AddType(md, handle, provider);
                break;
            case HandleKind.MethodDefinition:
                var method = md.GetMethodDefinition((MethodDefinitionHandle)handle);
                AddType(md, method.GetDeclaringType(), provider);
                method.DecodeSignature(provider, null);
                break;
            case HandleKind.FieldDefinition:
                var field = md.GetFieldDefinition((FieldDefinitionHandle)handle);
                AddType(md, field.GetDeclaringType(), provider);
                field.DecodeSignature(provider, null);
                break;
            case HandleKind.MemberReference:
                var member = md.GetMemberReference((MemberReferenceHandle)handle);
                AddMember(md, member.Parent, provider);
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    member.DecodeMethodSignature(provider, null);
                }
                else
                {
                    member.DecodeFieldSignature(provider, null);
                }

                break;
            case HandleKind.MethodSpecification:
                var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                AddMember(md, spec.Method, provider);
                spec.DecodeSignature(provider, null);
                break;
            case HandleKind.StandaloneSignature:
                var signature = md.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                if (signature.GetKind() == StandaloneSignatureKind.Method)
                {
                    signature.DecodeMethodSignature(provider, null);
                }

                break;
        }
    }

    private static void AddType(MetadataReader md, EntityHandle handle, TypeCollector provider)
    {
        if (handle.IsNil)
        {
            return;
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                provider.Found.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(provider, null);
                break;
        }
    }

    private const int TokenOperand = -1;

    private static ushort ReadOpCode(ref BlobReader il)
    {
        var first = il.ReadByte();
        return first == 0xFE ? (ushort)(0xFE00 | il.ReadByte()) : first;
    }

    /// <summary>The operand's size in bytes, or <see cref="TokenOperand"/> for a metadata token (ECMA-335 III).</summary>
    private static int OperandSize(ushort opCode, ref BlobReader il)
    {
        switch (opCode)
        {
            case 0x20 or 0x22: return 4;                         // ldc.i4, ldc.r4
            case 0x21 or 0x23: return 8;                         // ldc.i8, ldc.r8
            case 0x72: return 4;                                 // ldstr (a user-string token, not a member)
            case 0x45: return 4 * il.ReadInt32();                // switch: the count was just read
            case 0x0E or 0x0F or 0x10 or 0x11 or 0x12 or 0x13:   // ldarg.s … stloc.s
            case 0x1F:                                           // ldc.i4.s
            case >= 0x2B and <= 0x37:                            // short branches
            case 0xDE:                                           // leave.s
            case 0xFE12 or 0xFE19:                               // unaligned., no.
                return 1;
            case >= 0x38 and <= 0x44:                            // long branches
            case 0xDD:                                           // leave
                return 4;
            case 0xFE09 or 0xFE0A or 0xFE0B or 0xFE0C or 0xFE0D or 0xFE0E: // ldarg … stloc (long forms)
                return 2;
            case 0x27 or 0x28 or 0x29 or 0x6F or 0x73 or 0x74 or 0x75 or 0x79 or 0x7B or 0x7C or 0x7D or 0x7E
                or 0x7F or 0x80 or 0x81 or 0x8C or 0x8D or 0x8F or 0xA3 or 0xA4 or 0xA5 or 0xC2 or 0xC6 or 0xD0
                or 0x70 or 0x71
                or 0xFE06 or 0xFE07 or 0xFE15 or 0xFE16 or 0xFE1C:
                // jmp, call, calli, callvirt, newobj, castclass, isinst, unbox, ldfld, ldflda, stfld, ldsfld,
                // ldsflda, stsfld, stobj, box, newarr, ldelema, ldelem, stelem, unbox.any, refanyval, mkrefany,
                // ldtoken, cpobj, ldobj, ldftn, ldvirtftn, initobj, constrained., sizeof
                return TokenOperand;
            default:
                return 0;
        }
    }

    private sealed class TypeCollector(HashSet<TypeDefinitionHandle> found) : ISignatureTypeProvider<object?, object?>
    {
        public HashSet<TypeDefinitionHandle> Found { get; } = found;

        public object? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            Found.Add(handle);
            return null;
        }

        public object? GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
            => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public object? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => null;
        public object? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;
        public object? GetArrayType(object? elementType, ArrayShape shape) => null;
        public object? GetSZArrayType(object? elementType) => null;
        public object? GetByReferenceType(object? elementType) => null;
        public object? GetPointerType(object? elementType) => null;
        public object? GetPinnedType(object? elementType) => null;
        public object? GetFunctionPointerType(MethodSignature<object?> signature) => null;
        public object? GetGenericInstantiation(object? genericType, ImmutableArray<object?> typeArguments) => null;
        public object? GetGenericMethodParameter(object? genericContext, int index) => null;
        public object? GetGenericTypeParameter(object? genericContext, int index) => null;
        public object? GetModifiedType(object? modifier, object? unmodifiedType, bool isRequired) => null;
    }
}
