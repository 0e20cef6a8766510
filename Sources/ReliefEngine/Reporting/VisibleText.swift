/// Text from a case (ids, customer words) made safe to show a person in a terminal: control
/// characters become visible escapes (`\r`, `\u{1B}`), so a message cannot clear the screen,
/// set a window title or forge a line of output.
public enum VisibleText {
    public static func escape(_ s: String) -> String {
        guard mayHoldControl(s), s.unicodeScalars.contains(where: isControl) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for scalar in s.unicodeScalars {
            guard isControl(scalar) else { out.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// False when no byte of `s` can start a control: C0 and DEL are bytes under 0x20 and 0x7F,
    /// a C1 control starts with 0xC2, and the bidirectional controls with 0xE2. Most texts are
    /// cleared by this byte scan without decoding a scalar.
    static func mayHoldControl(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            for b in bytes where b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 { return true }
            return false
        }
    }

    /// C0 and C1 controls and DEL, plus the bidirectional overrides that reorder what follows.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0) || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
    }
}
