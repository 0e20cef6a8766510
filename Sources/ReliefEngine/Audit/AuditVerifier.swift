/// Checks an audit log's hash chain and names the first thing wrong with it.
///
/// The verifier is given the log's lines, never a file: `verify(bytes:key:)` checks a log held
/// in memory, and whoever streams a log from elsewhere feeds a `Checker` line by line, so memory
/// stays bounded by the longest line. Each line's hash is checked against the stored bytes
/// directly (see `ChainFields`); only lines that fail that quick check are parsed and re-encoded,
/// to tell a reformatted line from an edited one.
public enum AuditVerifier {
    /// Verifies a whole log held in memory (its bytes, line ends included). Everything wrong with
    /// it is in the report; the report's `path` is empty and `movedAsideTornLines` 0, facts only
    /// whoever keeps the log knows.
    /// - Parameter key: the key of a keyed chain. With it, every keyed entry's HMAC is checked,
    ///   which proves a key holder wrote it; without it, keyed entries are checked for their
    ///   links only, and the report says how many could not be proven.
    public static func verify(bytes: [UInt8], key: [UInt8]? = nil) -> AuditReport {
        var checker = Checker(key: key)
        bytes.withUnsafeBytes { all in
            AuditLines.forEach(in: all) { line, number, endsWithNewline in
                checker.visit(line, number: number, endsWithNewline: endsWithNewline)
            }
        }
        return checker.finish()
    }

    /// Verifies a log streamed line by line: `visit` every line in order until it returns false
    /// (nothing more needs reading), then `finish`.
    public struct Checker {
        private var chain: ChainChecker

        public init(key: [UInt8]? = nil) { chain = ChainChecker(key: key) }

        /// Checks one line, without its line end; `number` is 1-based, and only the last line
        /// may lack its line end. Returns false once nothing more needs reading.
        public mutating func visit(_ line: UnsafeRawBufferPointer, number: Int, endsWithNewline: Bool) -> Bool {
            chain.visit(line, number: number, endsWithNewline: endsWithNewline)
        }

        /// The report on the lines visited. `path` is empty and `movedAsideTornLines` 0: the
        /// caller, who knows where the log is kept, fills them in.
        public mutating func finish() -> AuditReport {
            let problem = chain.finish()
            return AuditReport(
                path: "",
                verifiedEntries: chain.verifiedEntries,
                lastSeq: chain.last.seq,
                lastHash: chain.last.hash.string,
                problem: problem,
                movedAsideTornLines: 0,
                keyedEntries: chain.keyedEntries,
                keyedEntriesProven: chain.keyedEntriesProven)
        }
    }
}

/// Splitting a log held in memory into lines.
public enum AuditLines {
    /// Calls `visit` with each line of `bytes` without its "\n", its 1-based number, and whether
    /// it ended with "\n" (only the last may not), until `visit` returns false. A final line end
    /// does not start another line.
    public static func forEach(
        in bytes: UnsafeRawBufferPointer,
        _ visit: (_ line: UnsafeRawBufferPointer, _ number: Int, _ endsWithNewline: Bool) throws -> Bool
    ) rethrows {
        var start = 0
        var number = 0
        while start < bytes.count {
            number += 1
            guard let end = bytes[start...].firstIndex(of: 0x0A) else {
                _ = try visit(UnsafeRawBufferPointer(rebasing: bytes[start...]), number, false)
                return
            }
            guard try visit(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), number, true) else { return }
            start = end + 1
        }
    }
}

/// The chain fields of one line.
private struct Link {
    var line: Int
    var seq: Int
    var prev: HexHash?
    var hash: HexHash
}

/// The streaming state machine behind `AuditVerifier`.
///
/// While the chain holds, each line must have a matching hash, `seq` one more than the last
/// and `prev` equal to the last hash. At the first line that does not continue the chain,
/// the checker keeps reading (chain fields only) until it can tell what happened:
///
/// | first break at X after good entry G          | then                                | named      |
/// |----------------------------------------------|-------------------------------------|------------|
/// | X.seq > G.seq + 1                            | a skipped seq turns up later        | reordered  |
/// | X.seq > G.seq + 1                            | it never does                       | deleted    |
/// | X.seq ≤ G.seq + 1                            | a later entry continues from G      | inserted   |
/// | X.seq = G.seq, same prev as G                | the next entry continues from X     | inserted (G) |
/// | X.seq ≤ G.seq                                | X is the last entry                 | inserted   |
/// | X.seq ≤ G.seq                                | otherwise                           | reordered  |
/// | X.seq = G.seq + 1                            | otherwise                           | brokenLink |
private struct ChainChecker {
    let key: [UInt8]?
    /// Keyed entries seen, and of those, how many were checked with the key.
    private(set) var keyedEntries = 0
    private(set) var keyedEntriesProven = 0

    init(key: [UInt8]?) { self.key = key }

    private enum Mode {
        case checking
        case classifying
        case done
    }

    private(set) var last = Link(line: 0, seq: 0, prev: nil, hash: .zero)
    private(set) var verifiedEntries = 0
    private var mode = Mode.checking
    private var problem: AuditProblem?
    /// A complete line that could not be read; a problem whose name depends on whether it is last.
    private var unreadableLine: Int?

    // Facts gathered after the first break.
    private var suspect = Link(line: 0, seq: 0, prev: nil, hash: .zero)
    private var entriesAfterSuspect = 0
    private var resumesFromLast = false
    private var missingSeqAppears = false
    private var nextContinuesSuspect = false

    /// Handles one line; returns false once nothing more needs reading.
    mutating func visit(_ line: UnsafeRawBufferPointer, number: Int, endsWithNewline: Bool) -> Bool {
        switch mode {
        case .done:
            return false
        case .checking:
            return check(line, number: number, endsWithNewline: endsWithNewline)
        case .classifying:
            guard endsWithNewline, let link = Self.readLink(line, number: number) else { return true }
            observe(link)
            return mode != .done
        }
    }

    /// The problem, once the whole file (or enough of it) was read.
    mutating func finish() -> AuditProblem? {
        switch mode {
        case .done:
            return problem
        case .classifying:
            conclude(atEnd: true)
            return problem
        case .checking:
            if let unreadableLine {
                return AuditProblem(
                    kind: .torn, line: unreadableLine, seq: nil, expectedSeq: last.seq + 1,
                    detail: "the last line is not a complete audit entry")
            }
            return nil
        }
    }

    // MARK: Checking

    private mutating func check(_ line: UnsafeRawBufferPointer, number: Int, endsWithNewline: Bool) -> Bool {
        if let unreadableLine {
            return stop(.malformed, line: unreadableLine, seq: nil, detail: "the line is not an audit entry")
        }
        guard endsWithNewline else {
            let seq = ChainFields(line)?.seq
            return stop(.torn, line: number, seq: seq, detail: "the last line has no line end: a write was cut off")
        }

        // Quick path: the stored bytes hash to the stored hash.
        let link: Link
        if let stored = ChainFields(line), stored.contentMatchesHash(line) {
            if keyedEntries > 0 && key != nil {
                return stop(.edited, line: number, seq: stored.seq, detail: "a plain entry after keyed ones: written without the key")
            }
            link = Link(line: number, seq: stored.seq, prev: stored.prev, hash: stored.hash)
        } else if let node = try? JSONParser.parse(bytes: line), let entry = AuditEntry(node: node) {
            // A reformatted line passes only if every JSON reader reads it as relief does: its
            // re-encoding cannot show a repeated key (relief keeps the first, most readers the
            // last) or a number no double holds (written as null, read back as a number).
            guard node.readsOneWay else {
                return stop(
                    .edited, line: number, seq: entry.seq,
                    detail: "the line repeats a key or holds a number out of range, so JSON readers disagree on its content")
            }
            if entry.isKeyed {
                keyedEntries += 1
                if key != nil {
                    guard entry.hasValidHash(key: key) else {
                        return stop(.edited, line: number, seq: entry.seq, detail: "the keyed hash does not match: edited, or written without this key")
                    }
                    keyedEntriesProven += 1
                }
                // Without the key, a keyed entry's content cannot be checked; its links still are.
            } else {
                if keyedEntries > 0 && key != nil {
                    return stop(.edited, line: number, seq: entry.seq, detail: "a plain entry after keyed ones: written without the key")
                }
                // Parse and re-encode: either reformatted but unchanged, or edited.
                guard entry.hasValidHash else {
                    return stop(
                        .edited, line: number, seq: entry.seq,
                        detail: "the stored hash does not match the entry's content")
                }
            }
            link = Link(line: number, seq: entry.seq, prev: HexHash(entry.prev), hash: HexHash(entry.hash)!)
        } else {
            unreadableLine = number
            return true
        }

        if link.seq == last.seq + 1, link.prev == last.hash {
            last = link
            verifiedEntries += 1
            return true
        }
        suspect = link
        mode = .classifying
        return true
    }

    private mutating func stop(_ kind: AuditProblem.Kind, line: Int, seq: Int?, detail: String) -> Bool {
        problem = AuditProblem(kind: kind, line: line, seq: seq, expectedSeq: last.seq + 1, detail: detail)
        mode = .done
        return false
    }

    // MARK: Classifying

    private static func readLink(_ line: UnsafeRawBufferPointer, number: Int) -> Link? {
        if let stored = ChainFields(line) {
            return Link(line: number, seq: stored.seq, prev: stored.prev, hash: stored.hash)
        }
        guard let entry = AuditEntry(lineBytes: line) else { return nil }
        return Link(line: number, seq: entry.seq, prev: HexHash(entry.prev), hash: HexHash(entry.hash)!)
    }

    private mutating func observe(_ link: Link) {
        entriesAfterSuspect += 1
        if entriesAfterSuspect == 1 {
            nextContinuesSuspect = link.seq == suspect.seq + 1 && link.prev == suspect.hash
        }
        if link.seq == last.seq + 1 && link.prev == last.hash { resumesFromLast = true }
        if link.seq > last.seq && link.seq < suspect.seq { missingSeqAppears = true }
        conclude(atEnd: false)
    }

    /// Names the problem once the facts decide it; at the end of the file, always.
    private mutating func conclude(atEnd: Bool) {
        let expected = last.seq + 1
        let x = suspect
        if x.seq > expected {
            if missingSeqAppears {
                _ = stop(
                    .reordered, line: x.line, seq: x.seq,
                    detail: "expected seq \(expected) here; it appears further down, so entries are out of order")
            } else if atEnd {
                let missing = expected == x.seq - 1 ? "entry \(expected) is" : "entries \(expected)–\(x.seq - 1) are"
                _ = stop(.deleted, line: x.line, seq: x.seq, detail: "\(missing) missing before this line")
            }
            return
        }
        // Two entries claim the same place and the chain goes on from the second:
        // the first of them (the last good one) is the intruder.
        if x.seq == last.seq, x.prev != nil, x.prev == last.prev, entriesAfterSuspect >= 1, nextContinuesSuspect {
            let intruder = last
            problem = AuditProblem(
                kind: .inserted, line: intruder.line, seq: intruder.seq, expectedSeq: intruder.seq,
                detail: "this entry takes the place of the one on line \(x.line), whose chain continues")
            mode = .done
            return
        }
        if resumesFromLast {
            _ = stop(
                .inserted, line: x.line, seq: x.seq,
                detail: "this entry does not continue the chain, but the entries after it do")
            return
        }
        guard atEnd else { return }
        if x.seq == expected {
            _ = stop(
                .brokenLink, line: x.line, seq: x.seq,
                detail: "prev does not match the previous entry's hash; an earlier entry was rewritten")
        } else if entriesAfterSuspect == 0 {
            _ = stop(.inserted, line: x.line, seq: x.seq, detail: "an extra entry was added at the end")
        } else {
            _ = stop(
                .reordered, line: x.line, seq: x.seq,
                detail: "seq goes back from \(last.seq) to \(x.seq): entries are out of order")
        }
    }
}

extension JSONNode {
    /// False when some object repeats a key (as `String` compares them, which is how `json`
    /// merges them) or some number is not finite: then readers can disagree on the value.
    fileprivate var readsOneWay: Bool {
        switch value {
        case .number(let n):
            return n.isFinite
        case .array(let items):
            return items.allSatisfy(\.readsOneWay)
        case .object(let members):
            var keys = Set<String>()
            for member in members {
                guard keys.insert(member.key).inserted, member.value.readsOneWay else { return false }
            }
            return true
        case .null, .bool, .string:
            return true
        }
    }
}
