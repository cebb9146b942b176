using System.Text;

namespace DescribeFunction.Tests.Infrastructure.Fuzzing;

/// <summary>Byte-level damage to a request body: what a broken proxy, a bad encoder or a hostile client sends.</summary>
public static class ByteMutations
{
    /// <summary>Invalid UTF-8: a stray continuation byte, an overlong '/', an encoded surrogate, a 5-byte form, a cut sequence.</summary>
    public static readonly byte[][] InvalidUtf8 = [[0xFF], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xFE, 0xFF]];

    public static readonly byte[][] Boms = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]];

    private static readonly Func<Random, byte[], (string, byte[])>[] All =
    [
        (r, b) => ("truncated", b[..r.Next(b.Length)]),
        (r, b) => ("bit flips", FlipBits(r, b, r.Next(1, 5))),
        (r, b) => ("random bytes", Overwrite(r, b, r.Next(1, 5))),
        (r, b) => ("invalid UTF-8", Insert(b, r.Next(b.Length + 1), InvalidUtf8[r.Next(InvalidUtf8.Length)])),
        (r, b) => ("NUL byte", Insert(b, r.Next(b.Length + 1), [0])),
        (r, b) => ("BOM", [.. Boms[r.Next(Boms.Length)], .. b]),
        (r, b) => ("UTF-16", Encoding.Convert(Encoding.UTF8, r.Next(2) == 0 ? Encoding.Unicode : Encoding.BigEndianUnicode, b)),
        (r, b) => ("UTF-32", Encoding.Convert(Encoding.UTF8, Encoding.UTF32, b)),
        (r, b) => ("slice deleted", Delete(r, b)),
        (r, b) => ("slice repeated", Repeat(r, b)),
        (r, b) => ("quote swapped", Replace(r, b, (byte)'"', (byte)'\'')),
        (r, b) => ("brace swapped", Replace(r, b, (byte)'{', (byte)'[')),
        (r, b) => ("trailing garbage", [.. b, .. Encoding.UTF8.GetBytes(r.Next(2) == 0 ? "}}" : " x,")]),
        (r, b) => ("control char", Insert(b, r.Next(b.Length + 1), [(byte)r.Next(1, 32)])),
    ];

    /// <summary>Applies one to three random mutations; returns their names for the report.</summary>
    public static (string Names, byte[] Bytes) Apply(Random random, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(random);
        var names = new List<string>();
        for (var i = random.Next(1, 4); i > 0 && bytes.Length > 0; i--)
        {
            var (name, mutated) = All[random.Next(All.Length)](random, bytes);
            names.Add(name);
            bytes = mutated;
        }

        return (string.Join(" + ", names), bytes);
    }

    public static byte[] Insert(byte[] bytes, int at, byte[] inserted) => [.. bytes.AsSpan(0, at), .. inserted, .. bytes.AsSpan(at)];

    private static byte[] FlipBits(Random random, byte[] bytes, int count)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < count; i++)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private static byte[] Overwrite(Random random, byte[] bytes, int count)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < count; i++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }

    private static byte[] Delete(Random random, byte[] bytes)
    {
        var start = random.Next(bytes.Length);
        var length = random.Next(1, Math.Min(64, bytes.Length - start) + 1);
        return [.. bytes.AsSpan(0, start), .. bytes.AsSpan(start + length)];
    }

    private static byte[] Repeat(Random random, byte[] bytes)
    {
        var start = random.Next(bytes.Length);
        var length = random.Next(1, Math.Min(64, bytes.Length - start) + 1);
        return Insert(bytes, start, bytes[start..(start + length)]);
    }

    private static byte[] Replace(Random random, byte[] bytes, byte from, byte to)
    {
        var positions = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == from).ToArray();
        if (positions.Length == 0)
        {
            return bytes;
        }

        var copy = (byte[])bytes.Clone();
        copy[positions[random.Next(positions.Length)]] = to;
        return copy;
    }
}
