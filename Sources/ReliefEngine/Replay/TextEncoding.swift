/// The character encodings a helpdesk export arrives in. Excel in an Estonian locale saves CSV
/// in Windows-1257; older Western European tools in Latin-1. Everything else is UTF-8.
public enum TextEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case windows1257 = "windows-1257"
    case latin1

    /// Names accepted for `--encoding`, without regard to case.
    public static func named(_ name: String) -> TextEncoding? {
        switch name.lowercased() {
        case "utf-8", "utf8": return .utf8
        case "windows-1257", "cp1257", "windows1257", "baltic": return .windows1257
        case "latin1", "latin-1", "iso-8859-1", "iso8859-1": return .latin1
        default: return nil
        }
    }

    /// Converts single-byte text to UTF-8 chunk by chunk (each byte is one character, so a chunk
    /// can end anywhere). Bytes Windows-1257 leaves undefined become U+FFFD and are counted.
    public struct Transcoder: Sendable {
        public let encoding: TextEncoding
        /// Bytes with no character in the encoding.
        public private(set) var undefinedBytes = 0

        public init(_ encoding: TextEncoding) {
            self.encoding = encoding
        }

        public mutating func utf8(_ bytes: [UInt8]) -> [UInt8] {
            if encoding == .utf8 { return bytes }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8)
            for b in bytes {
                if b < 0x80 {
                    out.append(b)
                    continue
                }
                let scalar: UInt16 = encoding == .latin1 ? UInt16(b) : TextEncoding.windows1257High[Int(b) - 0x80]
                if scalar == 0xFFFD { undefinedBytes += 1 }
                if scalar < 0x800 {
                    out.append(UInt8(0xC0 | scalar >> 6))
                    out.append(UInt8(0x80 | scalar & 0x3F))
                } else {
                    out.append(UInt8(0xE0 | scalar >> 12))
                    out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                    out.append(UInt8(0x80 | scalar & 0x3F))
                }
            }
            return out
        }
    }

    /// Windows-1257 bytes 0x80–0xFF as Unicode scalars (from the code page's published table).
    static let windows1257High: [UInt16] = [
        0x20AC, 0xFFFD, 0x201A, 0xFFFD, 0x201E, 0x2026, 0x2020, 0x2021, 0xFFFD, 0x2030, 0xFFFD, 0x2039,
        0xFFFD, 0x00A8, 0x02C7, 0x00B8, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0xFFFD, 0x2122, 0xFFFD, 0x203A, 0xFFFD, 0x00AF, 0x02DB, 0xFFFD, 0x00A0, 0xFFFD, 0x00A2, 0x00A3,
        0x00A4, 0xFFFD, 0x00A6, 0x00A7, 0x00D8, 0x00A9, 0x0156, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00C6,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00F8, 0x00B9, 0x0157, 0x00BB,
        0x00BC, 0x00BD, 0x00BE, 0x00E6, 0x0104, 0x012E, 0x0100, 0x0106, 0x00C4, 0x00C5, 0x0118, 0x0112,
        0x010C, 0x00C9, 0x0179, 0x0116, 0x0122, 0x0136, 0x012A, 0x013B, 0x0160, 0x0143, 0x0145, 0x00D3,
        0x014C, 0x00D5, 0x00D6, 0x00D7, 0x0172, 0x0141, 0x015A, 0x016A, 0x00DC, 0x017B, 0x017D, 0x00DF,
        0x0105, 0x012F, 0x0101, 0x0107, 0x00E4, 0x00E5, 0x0119, 0x0113, 0x010D, 0x00E9, 0x017A, 0x0117,
        0x0123, 0x0137, 0x012B, 0x013C, 0x0161, 0x0144, 0x0146, 0x00F3, 0x014D, 0x00F5, 0x00F6, 0x00F7,
        0x0173, 0x0142, 0x015B, 0x016B, 0x00FC, 0x017C, 0x017E, 0x02D9,
    ]
}
