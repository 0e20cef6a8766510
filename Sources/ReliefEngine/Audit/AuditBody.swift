/// An entry body already written as JSON, ready to be chained.
///
/// Serialising a body is most of the work of recording a decision, and it does not depend on
/// the chain, so callers do it on their own threads; under the log's lock only `seq`, `prev`
/// and `hash` are added. The members are kept in four runs split where the chain fields sort
/// (`hash` < `prev` < `seq`), so the hashed form and the stored line are both made by joining
/// runs, byte for byte what `JSONWriter` writes for the whole object.
public struct AuditBody: Sendable, Equatable {
    /// Comma-separated `"key":value` members, in key order: before `hash`, between `hash` and
    /// `prev`, between `prev` and `seq`, after `seq`.
    var runs: [[UInt8]]

    /// Serialises `fields`. Throws if a field uses a name the chain reserves.
    public init(_ fields: [String: JSON]) throws(AuditBodyError) {
        if let key = fields.keys.first(where: { AuditEntry.reservedKeys.contains($0) }) { throw AuditBodyError(key: key) }
        self.init(checked: fields)
    }

    /// Serialises fields whose names are known not to be the chain's.
    init(checked fields: [String: JSON]) {
        var builder = Builder()
        for (key, value) in JSONWriter.sortedMembers(fields) where !AuditEntry.reservedKeys.contains(key) {
            builder.member(key) { JSONWriter.writeBytes(value, into: &$0) }
        }
        self = builder.body
    }

    /// Writes the entry at `seq` after `prev`, with or without its `hash` member.
    func write(seq: Int, prev: String, hash: String?, into out: inout [UInt8]) {
        out.append(0x7B)
        var first = true
        func member(_ bytes: [UInt8]) {
            guard !bytes.isEmpty else { return }
            if !first { out.append(0x2C) }
            first = false
            out.append(contentsOf: bytes)
        }
        func field(_ key: StaticString, _ value: String, quoted: Bool) {
            if !first { out.append(0x2C) }
            first = false
            out.append(0x22)
            out.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            out.append(contentsOf: [0x22, 0x3A])
            if quoted { out.append(0x22) }
            out.append(contentsOf: value.utf8)
            if quoted { out.append(0x22) }
        }
        member(runs[0])
        if let hash { field("hash", hash, quoted: true) }
        member(runs[1])
        // `prev` is 64 hex digits and `seq` a positive integer: neither needs escaping.
        field("prev", prev, quoted: true)
        member(runs[2])
        field("seq", String(seq), quoted: false)
        member(runs[3])
        out.append(0x7D)
    }
}

extension AuditBody {
    /// Writes a body member by member, straight to its runs. Keys must come in sorted order and
    /// never be a chain field's. A `DecisionRecord`, whose fields are fixed, writes its own this
    /// way without building a dictionary first.
    struct Builder {
        private var runs: [[UInt8]] = [[], [], [], []]
        private var run = 0
        /// The chain's fields in key order: the runs split where they would stand.
        private static let chainKeys = ["hash", "prev", "seq"]

        init() {}

        /// Starts member `key` and hands its run to `value` to write the value.
        mutating func member(_ key: String, _ value: (inout [UInt8]) -> Void) {
            while run < Self.chainKeys.count && !JSONWriter.precedes(key, Self.chainKeys[run]) { run += 1 }
            if !runs[run].isEmpty { runs[run].append(0x2C) }
            JSONWriter.appendString(key, into: &runs[run])
            runs[run].append(0x3A)
            value(&runs[run])
        }

        mutating func string(_ key: String, _ value: String) {
            member(key) { JSONWriter.appendString(value, into: &$0) }
        }

        var body: AuditBody { AuditBody(runs: runs) }
    }

    private init(runs: [[UInt8]]) { self.runs = runs }
}

/// A body field named after one of the chain's own fields.
public struct AuditBodyError: Error, Sendable, Equatable {
    public var key: String
}
