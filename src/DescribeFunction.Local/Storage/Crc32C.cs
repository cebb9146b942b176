namespace DescribeFunction.Local.Storage;

/// <summary>CRC-32C (Castagnoli), the checksum Cloud Storage reports as <c>crc32c</c>: big-endian, base64.</summary>
internal static class Crc32C
{
    private static readonly uint[] Table = BuildTable();

    public static string ToBase64(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        crc ^= 0xFFFFFFFFu;
        Span<byte> bytes = [(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc];
        return Convert.ToBase64String(bytes);
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
