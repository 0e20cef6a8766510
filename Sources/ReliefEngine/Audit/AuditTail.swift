import struct Foundation.Date

/// What the stored bytes of a log say about appending after them, as functions of those bytes:
/// whoever keeps the log reads its first and last lines and acts on the answer (refuses the
/// file, moves a torn line aside, continues the chain). Nothing here reads or writes a file.
public enum AuditTail {
    /// How every entry begins.
    static let entryStart: [UInt8] = Array("{\"".utf8)

    /// The entry on a stored line (without its line end), or nil if the line is not one. The
    /// hash is not checked. A file is a Relief log when its first line is an entry.
    public static func entry(_ line: [UInt8]) -> AuditEntry? {
        line.withUnsafeBytes { AuditEntry(lineBytes: $0) }
    }

    /// Whether an unfinished last line (one without a line end) was cut off from one of the
    /// log's own writes: it begins like an entry, and is either a whole entry whose line end was
    /// lost or not a whole JSON value. Anything else is damage, not a torn write.
    public static func isCutOffEntry(_ line: [UInt8]) -> Bool {
        guard line.starts(with: entryStart) else { return false }
        if entry(line) != nil { return true }
        let isWholeValue = line.withUnsafeBytes { (try? JSONParser.parse(bytes: $0)) != nil }
        return !isWholeValue
    }

    /// The body of the entry that records, in the chain itself, that a torn line of
    /// `tornBytes` was moved to `movedTo` at `time`; keyed when the chain is.
    public static func recovery(tornBytes: [UInt8], movedTo: String, at time: Date, keyed: Bool) -> AuditBody {
        var recovery: [String: JSON] = [
            "recovery": .object([
                "reason": .string("a write was cut off: its unfinished line was moved aside"),
                "movedTo": .string(movedTo),
                "tornBytes": .int(tornBytes.count),
                "tornSha256": .string(SHA256.hexDigest(tornBytes)),
            ]),
            "time": .string(ISO8601.format(time)),
        ]
        if keyed { recovery["chain"] = .string(AuditEntry.keyedChain) }
        return AuditBody(checked: recovery)
    }
}
