/// Checks a byte stream for valid UTF-8 as it arrives in chunks, keeping the line and byte
/// column of each sequence's first byte, so a bad byte in a CSV export is reported where it is,
/// as it is in JSON Lines, instead of silently becoming U+FFFD.
struct UTF8Check {
    /// Where a bad sequence starts, and the byte that starts it.
    struct Failure {
        /// Index in the chunk where the failure was found; `resume` is where checking goes on.
        var found: Int
        var resume: Int
        var line: Int
        var column: Int
        var byte: UInt8
    }

    private var line = 1
    private var column = 0
    private var previousWasCR = false
    /// Continuation bytes still owed, and the range the next one must be in.
    private var need = 0
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF
    private var leadLine = 1
    private var leadColumn = 0
    private var lead: UInt8 = 0

    /// The first bad sequence in `bytes[from...]`, or nil when the rest is valid so far.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Failure? {
        var i = start
        let count = bytes.count
        while i < count {
            let b = bytes[i]
            if need > 0 {
                guard b >= low && b <= high else {
                    // The sequence broke off: report its first byte, and read `b` afresh.
                    need = 0
                    return Failure(found: i, resume: i, line: leadLine, column: leadColumn, byte: lead)
                }
                need -= 1
                low = 0x80
                high = 0xBF
                column += 1
                i += 1
                continue
            }
            column += 1
            if b < 0x80 {
                if b == 0x0A {
                    if !previousWasCR { line += 1 }
                    column = 0
                } else if b == 0x0D {
                    line += 1
                    column = 0
                }
                previousWasCR = b == 0x0D
                i += 1
                continue
            }
            previousWasCR = false
            leadLine = line
            leadColumn = column
            lead = b
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; low = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; high = 0x9F
            case 0xF0: need = 3; low = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; high = 0x8F
            default:
                return Failure(found: i, resume: i + 1, line: line, column: column, byte: b)
            }
            i += 1
        }
        return nil
    }

    /// At the end of the stream: a sequence left unfinished.
    mutating func finish() -> Failure? {
        guard need > 0 else { return nil }
        need = 0
        return Failure(found: 0, resume: 0, line: leadLine, column: leadColumn, byte: lead)
    }
}
