/// The first thing wrong with an audit log, named by what most likely happened to it.
public struct AuditProblem: Sendable, Equatable, CustomStringConvertible {
    /// What happened, as far as the chain can tell.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The entry's hash does not match its content: a field was changed.
        case edited
        /// Entries are missing: `seq` jumps forward, `prev` does not match, and the
        /// missing entries do not turn up later.
        case deleted
        /// An entry that does not belong: it does not continue the chain, but the chain
        /// resumes right where it left off (a duplicated or forged line).
        case inserted
        /// Entries are out of order: `seq` goes backwards, or missing entries turn up later.
        case reordered
        /// The last line was cut off: it has no line end or cannot be read as an entry.
        case torn
        /// A line before the last is not an audit entry at all.
        case malformed
        /// `seq` is in order but `prev` names a different hash, and the chain does not resume:
        /// an earlier entry was rewritten with a recomputed hash.
        case brokenLink
    }

    public var kind: Kind
    /// 1-based line number of the entry the problem is reported at.
    public var line: Int
    /// That entry's `seq`, when the line could be read.
    public var seq: Int?
    /// The `seq` the chain expected at that line.
    public var expectedSeq: Int
    /// A sentence for people, e.g. "entries 5–5 are missing before this line".
    public var detail: String

    public init(kind: Kind, line: Int, seq: Int?, expectedSeq: Int, detail: String) {
        self.kind = kind
        self.line = line
        self.seq = seq
        self.expectedSeq = expectedSeq
        self.detail = detail
    }

    public var description: String {
        let seqText = seq.map { " (seq \($0))" } ?? ""
        return "line \(line)\(seqText): \(kind.rawValue): \(detail)"
    }
}

/// The result of checking an audit log's hash chain.
public struct AuditReport: Sendable, Equatable {
    /// The log that was checked.
    public var path: String
    /// Entries that checked out before the first problem (all of them when intact).
    public var verifiedEntries: Int
    /// `seq` of the last verified entry, 0 if none.
    public var lastSeq: Int
    /// `hash` of the last verified entry, 64 zeros if none: the value the next append links to.
    public var lastHash: String
    /// The first problem, or nil when the chain is intact.
    public var problem: AuditProblem?
    /// Torn lines earlier appends moved to `<log>.torn`. The chain can still be intact,
    /// but someone should know a write was interrupted.
    public var movedAsideTornLines: Int
    /// Entries sealed with a key (`"chain": "hmac-sha256"`), and how many of them the given
    /// key proved. Without a key none is proven: only their links were checked.
    public var keyedEntries = 0
    public var keyedEntriesProven = 0

    /// True when every entry checks out.
    public var isIntact: Bool { problem == nil }
}
