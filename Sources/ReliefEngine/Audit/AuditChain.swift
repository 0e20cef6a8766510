/// The hash chain of an audit log, in memory: the head (last seq and hash) in, sealed lines out.
///
/// Whoever keeps the log reads the head from where the log is kept, seals a batch here and
/// stores the bytes; the chain itself neither reads nor writes anything. A batch is sealed whole
/// or not at all.
public struct AuditChain: Sendable {
    /// One sealed entry's place in the chain.
    public typealias Link = (seq: Int, prev: String, hash: String)

    /// `seq` of the last entry, 0 for an empty log.
    public private(set) var lastSeq: Int
    /// `hash` of the last entry, `AuditEntry.firstPrev` for an empty log.
    public private(set) var lastHash: String
    /// The key of a keyed chain: every entry's hash is then HMAC-SHA-256 under it, so only a
    /// holder of the key can extend or rewrite the log.
    public let key: [UInt8]?

    /// A chain that continues after the entry `lastSeq` whose hash is `lastHash` (an empty log
    /// by default).
    public init(lastSeq: Int = 0, lastHash: String = AuditEntry.firstPrev, key: [UInt8]? = nil) {
        self.lastSeq = lastSeq
        self.lastHash = lastHash
        self.key = key
    }

    /// A chain that continues after `entry`.
    public init(after entry: AuditEntry, key: [UInt8]? = nil) {
        self.init(lastSeq: entry.seq, lastHash: entry.hash, key: key)
    }

    /// The bytes a keyed body carries.
    private static let keyedMember = Array("\"chain\":\"\(AuditEntry.keyedChain)\"".utf8)

    /// Seals `bodies` after the head: appends each entry's line and a line end to `lines`, moves
    /// the head to the last of them, and returns each entry's place in the chain.
    ///
    /// With a key, every body must say it is keyed (`"chain": "hmac-sha256"`); otherwise nothing
    /// is sealed, `lines` and the head are left as they were, and the error says which body.
    @discardableResult
    public mutating func seal(_ bodies: [AuditBody], into lines: inout [UInt8]) throws(AuditChainError) -> [Link] {
        if key != nil, let unkeyed = bodies.firstIndex(where: { !$0.bytes.contains(Self.keyedMember) }) {
            throw AuditChainError(reason: "entry \(unkeyed + 1) of the batch does not say it is keyed (\"chain\": \"\(AuditEntry.keyedChain)\")")
        }
        var links: [Link] = []
        links.reserveCapacity(bodies.count)
        lines.reserveCapacity(lines.count + bodies.count * 1024)
        for body in bodies {
            let seq = lastSeq + 1
            let hash = AuditEntry.sealed(seq: seq, prev: lastHash, body: body, key: key, line: &lines)
            lines.append(0x0A)
            links.append((seq, lastHash, hash))
            lastSeq = seq
            lastHash = hash
        }
        return links
    }

    /// Seals bodies given as fields. A field named after a chain field is refused before
    /// anything is sealed.
    @discardableResult
    public mutating func seal(_ bodies: [[String: JSON]], into lines: inout [UInt8]) throws(AuditChainError) -> [AuditEntry] {
        let serialised = try AuditChain.serialise(bodies)
        let links = try seal(serialised, into: &lines)
        return zip(bodies, links).map { AuditEntry(seq: $1.seq, prev: $1.prev, hash: $1.hash, body: $0) }
    }

    /// The bodies serialised, or the reason one cannot be an entry's body.
    public static func serialise(_ bodies: [[String: JSON]]) throws(AuditChainError) -> [AuditBody] {
        var serialised: [AuditBody] = []
        serialised.reserveCapacity(bodies.count)
        for body in bodies {
            do {
                serialised.append(try AuditBody(body))
            } catch {
                throw AuditChainError(reason: "the field name \"\(error.key)\" is reserved for the hash chain")
            }
        }
        return serialised
    }
}

/// Why a batch could not be sealed, worded for people. It names no file: whoever keeps the log
/// adds where.
public struct AuditChainError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}
