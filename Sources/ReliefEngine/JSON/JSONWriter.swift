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
        case .null: append("null", &output)
        case .bool(let b): append(b ? "true" : "false", &output)
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
            append("[\n", &output)
            for (index, element) in elements.enumerated() {
                appendIndent(indent + 1, into: &output)
                writePretty(element, indent: indent + 1, into: &output)
                append(index == elements.count - 1 ? "\n" : ",\n", &output)
            }
            appendIndent(indent, into: &output)
            output.append(0x5D)
        case .object(let members) where !members.isEmpty:
            append("{\n", &output)
            let sorted = sortedMembers(members)
            for (index, (key, member)) in sorted.enumerated() {
                appendIndent(indent + 1, into: &output)
                appendString(key, into: &output)
                append(": ", &output)
                writePretty(member, indent: indent + 1, into: &output)
                append(index == sorted.count - 1 ? "\n" : ",\n", &output)
            }
            appendIndent(indent, into: &output)
            output.append(0x7D)
        default:
            writeBytes(value, into: &output)
        }
    }

    @inline(__always)
    private static func append(_ literal: StaticString, _ output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    private static func appendIndent(_ level: Int, into output: inout [UInt8]) {
        for _ in 0..<(level * 2) { output.append(0x20) }
    }

    /// Byte-wise UTF-8 order equals Unicode scalar order and does not depend on locale or normalisation.
    private static func sortedMembers(_ members: [String: JSON]) -> [(key: String, value: JSON)] {
        members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
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
            append("null", &output)
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

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func appendString(_ s: String, into output: inout [UInt8]) {
        output.append(0x22)
        var copy = s
        copy.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let b = bytes[index]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                switch b {
                case 0x22: append("\\\"", &output)
                case 0x5C: append("\\\\", &output)
                case 0x0A: append("\\n", &output)
                case 0x0D: append("\\r", &output)
                case 0x09: append("\\t", &output)
                case 0x08: append("\\b", &output)
                case 0x0C: append("\\f", &output)
                default:
                    append("\\u00", &output)
                    output.append(hexDigits[Int(b >> 4)])
                    output.append(hexDigits[Int(b & 0x0F)])
                }
                runStart = index + 1
            }
            if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
        }
        output.append(0x22)
    }
}
