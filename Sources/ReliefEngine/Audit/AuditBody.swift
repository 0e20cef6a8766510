/// An entry body already written as JSON, ready to be chained.
///
/// Serialising a body is most of the work of recording a decision, and it does not depend on
/// the chain, so callers do it on their own threads; under the log's lock only `seq`, `prev`
/// and `hash` are added. The members are kept in four runs split where the chain fields sort
/// (`hash` < `prev` < `seq`), so the hashed form and the stored line are both made by joining
/// runs, byte for byte what `JSONWriter` writes for the whole object.
public struct AuditBody: Sendable, Equatable {
    /// Comma-separated `"key":value` members in key order, in one buffer. The chain's fields
    /// would stand at `hashAt`, `prevAt` and `seqAt`: the runs before `hash`, between `hash` and
    /// `prev`, between `prev` and `seq`, and after `seq` are the slices between those offsets.
    var bytes: [UInt8]
    var hashAt: Int
    var prevAt: Int
    var seqAt: Int

    /// Serialises `fields`. Throws if a field uses a name the chain reserves.
    public init(_ fields: [String: JSON]) throws(AuditBodyError) {
        if let key = fields.keys.first(where: { AuditEntry.reservedKeys.contains($0) }) { throw AuditBodyError(key: key) }
        self.init(checked: fields)
    }

    /// Serialises fields whose names are known not to be the chain's.
    init(checked fields: [String: JSON]) {
        var builder = Builder()
        var value: [UInt8] = []
        for (key, member) in JSONWriter.sortedMembers(fields) where !AuditEntry.reservedKeys.contains(key) {
            builder.key(escaping: key)
            value.removeAll(keepingCapacity: true)
            JSONWriter.writeBytes(member, into: &value)
            value.withUnsafeBufferPointer { builder.out.write($0) }
        }
        self = builder.body
    }

    /// Writes the entry at `seq` after `prev`, with or without its `hash` member.
    func write(seq: Int, prev: String, hash: String?, into out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { all in
            out.append(0x7B)
            var first = true
            func run(_ range: Range<Int>) {
                guard !range.isEmpty else { return }
                if !first { out.append(0x2C) }
                first = false
                out.append(contentsOf: UnsafeBufferPointer(rebasing: all[range]))
            }
            func field(_ key: StaticString, _ value: String, quoted: Bool) {
                if !first { out.append(0x2C) }
                first = false
                out.append(0x22)
                out.append(contentsOf: key.utf8Bytes)
                out.append(contentsOf: [0x22, 0x3A])
                if quoted { out.append(0x22) }
                out.append(contentsOf: value.utf8)
                if quoted { out.append(0x22) }
            }
            run(0..<hashAt)
            if let hash { field("hash", hash, quoted: true) }
            run(hashAt..<prevAt)
            // `prev` is 64 hex digits and `seq` a positive integer: neither needs escaping.
            field("prev", prev, quoted: true)
            run(prevAt..<seqAt)
            field("seq", String(seq), quoted: false)
            run(seqAt..<all.count)
            out.append(0x7D)
        }
    }
}

extension AuditBody {
    /// Writes a body member by member into one buffer, noting where the chain's fields would
    /// split it. Keys must come in sorted order and never be a chain field's. A `DecisionRecord`,
    /// whose fields are fixed, writes its own this way without building a dictionary first.
    struct Builder {
        /// Where the caller writes each member's value, right after `key`.
        let out = ByteSink(capacity: 1024)
        /// How many of the chain's fields sort before the members written so far.
        private var passed = 0
        /// Where the current run starts, to know whether a member needs a comma before it.
        private var runStart = 0
        private var marks = (0, 0, 0)

        init() {}

        /// Starts member `key`, a name that needs no escaping; the caller then writes its value.
        mutating func key(_ key: StaticString) {
            let name = key.utf8Bytes
            pass(name)
            out.write(0x22)
            out.write(name)
            out.write(0x22)
            out.write(0x3A)
        }

        /// Starts member `key`, escaping the name as JSON needs.
        mutating func key(escaping key: String) {
            var name = key
            name.withUTF8 { pass($0) }
            var sink = out
            JSONWriter.appendString(key, into: &sink)
            out.write(0x3A)
        }

        /// A string member.
        mutating func string(_ key: StaticString, _ value: String) {
            self.key(key)
            var sink = out
            JSONWriter.appendString(value, into: &sink)
        }

        /// Closes the runs of the chain's fields that sort before `name`, then writes the comma
        /// that separates `name` from the member before it in its run, if any.
        private mutating func pass(_ name: UnsafeBufferPointer<UInt8>) {
            while passed < 3 && !JSONWriter.precedes(name, Self.chainKeys[passed].utf8Bytes) {
                switch passed {
                case 0: marks.0 = out.count
                case 1: marks.1 = out.count
                default: marks.2 = out.count
                }
                passed += 1
                runStart = out.count
            }
            if out.count > runStart { out.write(0x2C) }
        }

        /// The chain's fields in key order: the runs split where they would stand.
        private static let chainKeys: [StaticString] = ["hash", "prev", "seq"]

        /// The body written so far. Chain fields sorting after every member stand at the end.
        var body: AuditBody {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(out.count)
            out.append(to: &bytes)
            let end = out.count
            return AuditBody(
                bytes: bytes,
                hashAt: passed > 0 ? marks.0 : end,
                prevAt: passed > 1 ? marks.1 : end,
                seqAt: passed > 2 ? marks.2 : end)
        }
    }

    private init(bytes: [UInt8], hashAt: Int, prevAt: Int, seqAt: Int) {
        self.bytes = bytes
        self.hashAt = hashAt
        self.prevAt = prevAt
        self.seqAt = seqAt
    }
}

/// A body field named after one of the chain's own fields.
public struct AuditBodyError: Error, Sendable, Equatable {
    public var key: String
}
