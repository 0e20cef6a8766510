/// Writes `JSON` values deterministically: object keys are sorted by Unicode scalar order, so the
/// same decision or report always produces the same bytes and outputs diff cleanly.
///
/// Compact output never contains a raw line break, which JSON Lines streams rely on.
public enum JSONWriter {
    /// One line, no spaces: `{"a":1,"b":[true,null]}`.
    public static func write(_ value: JSON) -> String {
        var output = ""
        output.reserveCapacity(128)
        write(value, into: &output)
        return output
    }

    /// Appends the compact form to `output`, so callers building a larger line avoid a copy.
    public static func write(_ value: JSON, into output: inout String) {
        switch value {
        case .null: output.append("null")
        case .bool(let b): output.append(b ? "true" : "false")
        case .int(let n): output.append(String(n))
        case .double(let d): appendNumber(d, into: &output)
        case .string(let s): appendString(s, into: &output)
        case .array(let elements):
            output.append("[")
            var first = true
            for element in elements {
                if !first { output.append(",") }
                first = false
                write(element, into: &output)
            }
            output.append("]")
        case .object(let members):
            output.append("{")
            var first = true
            for key in sortedKeys(members) {
                if !first { output.append(",") }
                first = false
                appendString(key, into: &output)
                output.append(":")
                if let member = members[key] { write(member, into: &output) }
            }
            output.append("}")
        }
    }

    /// Indented by two spaces per level, one member or element per line, `"key": value`,
    /// for files people read. Empty arrays and objects stay `[]` and `{}`. No trailing newline.
    public static func writePretty(_ value: JSON) -> String {
        var output = ""
        output.reserveCapacity(256)
        writePretty(value, indent: 0, into: &output)
        return output
    }

    private static func writePretty(_ value: JSON, indent: Int, into output: inout String) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            output.append("[\n")
            for (index, element) in elements.enumerated() {
                appendIndent(indent + 1, into: &output)
                writePretty(element, indent: indent + 1, into: &output)
                output.append(index == elements.count - 1 ? "\n" : ",\n")
            }
            appendIndent(indent, into: &output)
            output.append("]")
        case .object(let members) where !members.isEmpty:
            output.append("{\n")
            let keys = sortedKeys(members)
            for (index, key) in keys.enumerated() {
                appendIndent(indent + 1, into: &output)
                appendString(key, into: &output)
                output.append(": ")
                if let member = members[key] { writePretty(member, indent: indent + 1, into: &output) }
                output.append(index == keys.count - 1 ? "\n" : ",\n")
            }
            appendIndent(indent, into: &output)
            output.append("}")
        default:
            write(value, into: &output)
        }
    }

    private static func appendIndent(_ level: Int, into output: inout String) {
        for _ in 0..<level { output.append("  ") }
    }

    /// Byte-wise UTF-8 order equals Unicode scalar order and does not depend on locale or normalisation.
    private static func sortedKeys(_ members: [String: JSON]) -> [String] {
        members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Integral values are written as integers ("2", not "2.0"); values JSON cannot express
    /// (infinities, NaN) become `null`; everything else uses Swift's shortest round-trip form.
    private static func appendNumber(_ d: Double, into output: inout String) {
        guard d.isFinite else {
            output.append("null")
            return
        }
        // 2^63 is exactly representable; anything below it in magnitude fits in Int64.
        if d == d.rounded(.towardZero) && d > -9.223372036854775808e18 && d < 9.223372036854775808e18 {
            output.append(String(Int64(d)))
            return
        }
        // Swift prints e.g. "0.1", "1e-07", "1e+20": all valid JSON numbers.
        output.append(d.description)
    }

    private static func appendString(_ s: String, into output: inout String) {
        output.append("\"")
        var utf8 = s
        utf8.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let b = bytes[index]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if runStart < index {
                    output.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self))
                }
                switch b {
                case 0x22: output.append("\\\"")
                case 0x5C: output.append("\\\\")
                case 0x0A: output.append("\\n")
                case 0x0D: output.append("\\r")
                case 0x09: output.append("\\t")
                case 0x08: output.append("\\b")
                case 0x0C: output.append("\\f")
                default:
                    let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
                    output.append("\\u00")
                    output.append(digits[Int(b >> 4)])
                    output.append(digits[Int(b & 0x0F)])
                }
                runStart = index + 1
            }
            if runStart == 0 {
                output.append(s)
            } else if runStart < bytes.count {
                output.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]), as: UTF8.self))
            }
        }
        output.append("\"")
    }
}
