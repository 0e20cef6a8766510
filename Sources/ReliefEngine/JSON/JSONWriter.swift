import Foundation

/// Writes `JSON` values deterministically: object keys are sorted by Unicode scalar order, so the
/// same decision or report always produces the same bytes and outputs diff cleanly.
///
/// Compact output never contains a raw line break, which JSON Lines streams rely on.
public enum JSONWriter {
    /// One line, no spaces: `{"a":1,"b":[true,null]}`.
    public static func write(_ value: JSON) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        writeBytes(value, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the compact form to `output`, so callers building a larger line avoid a copy.
    public static func write(_ value: JSON, into output: inout String) {
        output.append(write(value))
    }

    /// Appends the compact form as UTF-8 bytes: the fast path the other forms share. Output is
    /// built as bytes because appending many small pieces to a `String` costs several times more.
    public static func writeBytes(_ value: JSON, into output: inout [UInt8]) {
        switch value {
        case .null: output.write("null")
        case .bool(let b): output.write(b ? "true" : "false")
        case .int(let n): appendInt(n, &output)
        case .double(let d): appendNumber(d, into: &output)
        case .string(let s): appendString(s, into: &output)
        case .array(let elements):
            output.append(0x5B)
            var first = true
            for element in elements {
                if !first { output.append(0x2C) }
                first = false
                writeBytes(element, into: &output)
            }
            output.append(0x5D)
        case .object(let members):
            output.append(0x7B)
            var first = true
            for (key, member) in sortedMembers(members) {
                if !first { output.append(0x2C) }
                first = false
                appendString(key, into: &output)
                output.append(0x3A)
                writeBytes(member, into: &output)
            }
            output.append(0x7D)
        }
    }

    /// Indented by two spaces per level, one member or element per line, `"key": value`,
    /// for files people read. Empty arrays and objects stay `[]` and `{}`. No trailing newline.
    public static func writePretty(_ value: JSON) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        writePretty(value, indent: 0, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func writePretty(_ value: JSON, indent: Int, into output: inout [UInt8]) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            output.write("[\n")
            for (index, element) in elements.enumerated() {
                appendIndent(indent + 1, into: &output)
                writePretty(element, indent: indent + 1, into: &output)
                output.write(index == elements.count - 1 ? "\n" : ",\n")
            }
            appendIndent(indent, into: &output)
            output.append(0x5D)
        case .object(let members) where !members.isEmpty:
            output.write("{\n")
            let sorted = sortedMembers(members)
            for (index, (key, member)) in sorted.enumerated() {
                appendIndent(indent + 1, into: &output)
                appendString(key, into: &output)
                output.write(": ")
                writePretty(member, indent: indent + 1, into: &output)
                output.write(index == sorted.count - 1 ? "\n" : ",\n")
            }
            appendIndent(indent, into: &output)
            output.append(0x7D)
        default:
            writeBytes(value, into: &output)
        }
    }

    private static func appendIndent(_ level: Int, into output: inout [UInt8]) {
        for _ in 0..<(level * 2) { output.append(0x20) }
    }

    /// Byte-wise UTF-8 order equals Unicode scalar order and does not depend on locale or normalisation.
    static func sortedMembers(_ members: [String: JSON]) -> [(key: String, value: JSON)] {
        members.sorted { precedes($0.key, $1.key) }
    }

    /// Whether `a` sorts before `b` in UTF-8 byte order, comparing contiguous bytes directly
    /// (the generic sequence comparison costs more than the rest of writing a small object).
    @inline(__always)
    static func precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in precedes(x, y) }
        }
        if let fast, let result = fast { return result }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The same order on raw bytes.
    @inline(__always)
    static func precedes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = min(x.count, y.count)
        if n > 0 {
            let c = memcmp(x.baseAddress!, y.baseAddress!, n)
            if c != 0 { return c < 0 }
        }
        return x.count < y.count
    }

    private static func appendInt(_ n: Int, _ output: inout [UInt8]) {
        if n == 0 { output.append(0x30); return }
        if n == Int.min { output.append(contentsOf: String(n).utf8); return }
        var value = n
        if value < 0 { output.append(0x2D); value = -value }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while value > 0 {
                buffer[count] = UInt8(0x30 + value % 10)
                value /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { output.append(buffer[i]) }
        }
    }

    /// Integral values are written as integers ("2", not "2.0"); values JSON cannot express
    /// (infinities, NaN) become `null`; everything else uses Swift's shortest round-trip form.
    private static func appendNumber(_ d: Double, into output: inout [UInt8]) {
        guard d.isFinite else {
            output.write("null")
            return
        }
        // 2^63 is exactly representable; anything below it in magnitude fits in Int64.
        if d == d.rounded(.towardZero) && d > -9.223372036854775808e18 && d < 9.223372036854775808e18 {
            appendInt(Int(Int64(d)), &output)
            return
        }
        // Swift prints e.g. "0.1", "1e-07", "1e+20": all valid JSON numbers.
        output.append(contentsOf: d.description.utf8)
    }

    /// Appends `s` quoted and escaped. Runs of bytes that need no escape, which is nearly all of
    /// them, are found eight bytes at a time and copied in one piece.
    static func appendString<Output: JSONOutput>(_ s: String, into output: inout Output) {
        output.write(0x22)
        var copy = s
        copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var runStart = 0
            var index = 0
            while index < count {
                // Skip eight clean bytes at a time: no control character, quote or backslash.
                while index + 8 <= count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    if needsEscape(word) { break }
                    index += 8
                }
                while index < count {
                    let b = base[index]
                    if b < 0x20 || b == 0x22 || b == 0x5C { break }
                    index += 1
                    if index & 7 == 0 { break }   // back to whole words when aligned to eight again
                }
                guard index < count else { break }
                let b = base[index]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if runStart < index { output.write(UnsafeBufferPointer(start: base + runStart, count: index - runStart)) }
                switch b {
                case 0x22: output.write("\\\"")
                case 0x5C: output.write("\\\\")
                case 0x0A: output.write("\\n")
                case 0x0D: output.write("\\r")
                case 0x09: output.write("\\t")
                case 0x08: output.write("\\b")
                case 0x0C: output.write("\\f")
                default:
                    output.write("\\u00")
                    output.write(hexDigit(b >> 4))
                    output.write(hexDigit(b & 0x0F))
                }
                index += 1
                runStart = index
            }
            if runStart < count { output.write(UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
        }
        output.write(0x22)
    }

    @inline(__always)
    private static func hexDigit(_ n: UInt8) -> UInt8 { n < 10 ? 0x30 + n : 0x57 + n }

    /// Whether any of the eight bytes in `word` is below 0x20, a quote or a backslash.
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        ByteWord.hasBelow(word, 0x20) || ByteWord.has(word, 0x22) || ByteWord.has(word, 0x5C)
    }
}
