import Dispatch
import Foundation
import ReliefEngine

/// An append-only, hash-chained audit log in a JSON Lines file: the file side of the engine's
/// `AuditChain`.
///
/// Each line is one `AuditEntry` as compact JSON with sorted keys. Appends from several
/// processes (or threads, each with its own `AuditLogFile`) are serialised with an exclusive
/// `flock`, and every batch is flushed to disk before `append` returns, so a caller can
/// refuse to act on advice that was not recorded.
struct AuditLogFile: Sendable {
    /// The log file.
    let path: String
    /// Where a torn last line is moved before appending goes on: `<path>.torn`.
    var tornPath: String { AuditLogFile.tornPath(for: path) }

    private let now: @Sendable () -> Date
    /// The key of a keyed chain: every entry's hash is then HMAC-SHA-256 under it, so only a
    /// holder of the key can extend or rewrite the log.
    private let key: [UInt8]?

    /// A log at `path`; nothing is opened until the first append.
    /// - Parameters:
    ///   - now: the clock stamped on moved-aside torn lines and on the entry that records their
    ///     recovery (the CLI passes `CLIEnvironment.now`).
    ///   - key: seal entries with HMAC-SHA-256 under this key; every body must then carry
    ///     `"chain": "hmac-sha256"` (`DecisionRecord.keyed`).
    init(path: String, now: @escaping @Sendable () -> Date, key: [UInt8]? = nil) {
        self.path = path
        self.now = now
        self.key = key
    }

    static func tornPath(for path: String) -> String { path + ".torn" }

    /// Appends one entry per body as a single group commit: one lock, one look at the tail,
    /// one write, one `fsync`. Returns the entries as written.
    ///
    /// If an earlier append was cut off (the file does not end in a line end, or its last line
    /// is not an entry), that line is first moved to `<path>.torn` and cut off the log.
    /// Throws `AuditError` with the OS reason if anything fails; nothing is then half-written.
    @discardableResult
    func append(_ bodies: [[String: JSON]]) throws -> [AuditEntry] {
        let serialised: [AuditBody]
        do {
            serialised = try AuditChain.serialise(bodies)
        } catch {
            throw AuditError(path: path, message: "cannot append to the audit log", reason: error.reason)
        }
        let chain = try append(serialised)
        return zip(bodies, chain).map { AuditEntry(seq: $1.seq, prev: $1.prev, hash: $1.hash, body: $0) }
    }

    /// The same group commit for bodies serialised beforehand (on the caller's threads).
    /// Returns each entry's place in the chain.
    ///
    /// The file must be a Relief audit log (or empty or new), owned by this user and writable by
    /// no one else; otherwise nothing is written and the error says why. A torn last entry is
    /// moved to `<path>.torn` and the recovery is recorded in the chain as an entry of its own,
    /// before the batch.
    @discardableResult
    func append(_ bodies: [AuditBody]) throws -> [(seq: Int, prev: String, hash: String)] {
        guard !bodies.isEmpty else { return [] }

        let directory = FileSystem.parentDirectory(of: path)
        try FileSystem.makeDirectories(directory)
        let file = try POSIXFile.openForAppending(path)
        try file.lockExclusively()
        defer { file.unlock() }
        try checkOwnership(of: file)

        let (head, recovery) = try recoverTail(of: file)
        let sizeBefore = try file.size()

        var chain = AuditChain(lastSeq: head.seq, lastHash: head.hash, key: key)
        var bytes: [UInt8] = []
        let links: [AuditChain.Link]
        do {
            links = try chain.seal(recovery.map { [$0] + bodies } ?? bodies, into: &bytes)
        } catch {
            throw AuditError(path: path, message: "cannot append to the audit log", reason: error.reason)
        }

        do {
            try bytes.withUnsafeBytes { try file.writeAll($0) }
            try file.sync()
        } catch {
            // Leave no partial batch behind: the caller is told nothing was recorded.
            try? file.truncate(to: sizeBefore)
            throw error
        }
        if sizeBefore == 0 { FileSystem.syncDirectory(directory) }
        return recovery == nil ? links : Array(links.dropFirst())
    }

    /// Refuses a log that is not a regular file, that another user owns, or that others can
    /// write: anyone who can write it can rewrite its history (as `ssh` refuses a loose key).
    private func checkOwnership(of file: POSIXFile) throws {
        let info = try file.status()
        guard info.isRegularFile else {
            throw AuditError(path: path, message: "cannot append to the audit log", reason: "it is not a regular file")
        }
        if info.owner != info.processOwner {
            throw AuditError(path: path, message: "cannot append to the audit log",
                             reason: "it belongs to another user (uid \(info.owner)); a log must be owned by the user who writes it")
        }
        if info.permissions & 0o022 != 0 {
            let mode = String(info.permissions, radix: 8)
            throw AuditError(path: path, message: "cannot append to the audit log",
                             reason: "others can write it (mode \(mode)), so anyone could rewrite its history; run 'chmod 600 \(path)'")
        }
    }

    /// Appends one entry.
    @discardableResult
    func append(_ body: [String: JSON]) throws -> AuditEntry {
        try append([body])[0]
    }

    // MARK: - Tail recovery

    /// The seq and hash to continue from, and, when a torn last entry was moved aside, the body
    /// of the entry that records it.
    ///
    /// Only a file that is a Relief log is ever changed: its first line must be an entry, and
    /// the only thing moved is an incomplete last line that begins like an entry (a write cut
    /// off mid-line). A complete line that is not an entry is damage for `audit verify`, and
    /// a file that is not a log is refused; both are left as they are.
    private func recoverTail(of file: POSIXFile) throws -> (head: (seq: Int, hash: String), recovery: AuditBody?) {
        let size = try file.size()
        if size == 0 { return ((0, AuditEntry.firstPrev), nil) }
        let notALog = AuditError(
            path: path, message: "cannot append to the audit log",
            reason: "the file is not a Relief audit log (its first line is not an audit entry); nothing was changed. Choose another file with --audit-log")

        let endsWithNewline = try lastByte(of: file, size: size) == 0x0A
        let firstEnd = try firstLineEnd(in: file, size: size)
        if let firstEnd {
            let first = try readBytes(of: file, from: 0, to: firstEnd)
            guard AuditTail.entry(first) != nil else { throw notALog }
        }

        var end = size
        var recovery: AuditBody?
        if !endsWithNewline {
            let start = try startOfLine(endingAt: size, in: file)
            let torn = try readBytes(of: file, from: start, to: size)
            guard AuditTail.isCutOffEntry(torn) else {
                if firstEnd == nil { throw notALog }
                throw AuditError(path: path, message: "cannot append to the audit log",
                                 reason: "its last line is not an audit entry and was not cut off by a write; nothing was changed. Run 'relief audit verify \(path)'")
            }
            try moveAside(file: file, from: start, to: size, reason: "no line end")
            recovery = AuditTail.recovery(tornBytes: torn, movedTo: tornPath, at: now(), keyed: key != nil)
            end = start
            if end == 0 { return ((0, AuditEntry.firstPrev), recovery) }
        }

        let start = try startOfLine(endingAt: end - 1, in: file)
        let line = try readBytes(of: file, from: start, to: end - 1)
        guard let entry = AuditTail.entry(line) else {
            throw AuditError(path: path, message: "cannot append to the audit log",
                             reason: "its last line is not an audit entry; nothing was changed. Run 'relief audit verify \(path)'")
        }
        return ((entry.seq, entry.hash), recovery)
    }

    /// The offset of the first line end, or nil when the file has none.
    private func firstLineEnd(in file: POSIXFile, size: Int) throws -> Int? {
        var block = [UInt8](repeating: 0, count: 64 * 1024)
        var offset = 0
        while offset < size {
            let read = try block.withUnsafeMutableBytes { try file.read(into: $0, at: offset) }
            if read == 0 { return nil }
            if let newline = block[0..<read].firstIndex(of: 0x0A) { return offset + newline }
            offset += read
        }
        return nil
    }

    private func lastByte(of file: POSIXFile, size: Int) throws -> UInt8 {
        var byte: UInt8 = 0
        _ = try withUnsafeMutableBytes(of: &byte) { try file.read(into: $0, at: size - 1) }
        return byte
    }

    /// Offset of the first byte of the line that ends at `end` (exclusive), reading backwards
    /// in blocks so only the tail of the file is touched.
    private func startOfLine(endingAt end: Int, in file: POSIXFile) throws -> Int {
        let blockSize = 64 * 1024
        var block = [UInt8](repeating: 0, count: blockSize)
        var blockEnd = end
        while blockEnd > 0 {
            let blockStart = max(0, blockEnd - blockSize)
            let count = blockEnd - blockStart
            let read = try block.withUnsafeMutableBytes {
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<count]), at: blockStart)
            }
            guard read == count else {
                throw AuditError(path: path, message: "cannot read the audit log", reason: "the file shrank while locked")
            }
            if let newline = block[0..<count].lastIndex(of: 0x0A) {
                return blockStart + newline + 1
            }
            blockEnd = blockStart
        }
        return 0
    }

    private func readBytes(of file: POSIXFile, from start: Int, to end: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: end - start)
        let read = try bytes.withUnsafeMutableBytes { try file.read(into: $0, at: start) }
        return Array(bytes[0..<read])
    }

    /// Appends the bytes `start..<end` to the `.torn` file with a note of when and why,
    /// flushes it, and only then cuts them off the log.
    private func moveAside(file: POSIXFile, from start: Int, to end: Int, reason: String) throws {
        var torn = try readBytes(of: file, from: start, to: end)
        if torn.last == 0x0A { torn.removeLast() }
        let text = String(decoding: torn, as: UTF8.self)
        var note: [String: JSON] = [
            "movedAt": .string(ISO8601.format(now())),
            "log": .string(path),
            "offset": .int(start),
            "length": .int(torn.count),
            "reason": .string(reason),
            "text": .string(text),
        ]
        if Array(text.utf8) != torn {
            // Not valid UTF-8 (cut inside a character): keep the exact bytes as well.
            note["base64"] = .string(Data(torn).base64EncodedString())
        }
        let sidePath = tornPath
        // Never through a link, and never into anything but a file of our own.
        let side = try POSIXFile.openForAppendingOnly(sidePath, failure: "cannot open the file for torn audit lines", followLinks: false)
        let info = try side.status()
        guard info.isRegularFile, info.owner == info.processOwner else {
            throw AuditError(path: sidePath, message: "cannot move a torn audit line aside", reason: "the file is not a regular file of this user; nothing was changed")
        }
        try side.writeAll(Array((JSONWriter.write(.object(note)) + "\n").utf8))
        try side.sync()
        try file.truncate(to: start)
        try file.sync()
    }

    // MARK: - Reading

    /// Streams the log's entries in order without loading the file, stopping at the first line
    /// that is not an entry (hashes are not checked: that is `AuditVerifier`'s job).
    static func entries(path: String, _ visit: (AuditEntry) -> Void) throws -> NotAnEntry? {
        try fold(path: path, start: { [AuditEntry]() }, fold: { list, line in
            guard let entry = AuditEntry(lineBytes: line) else { return false }
            list.append(entry)
            return true
        }, join: { $0.forEach(visit) })
    }
}

extension AuditLogFile {
    /// Where reading stopped at a line that is not an entry.
    struct NotAnEntry: Sendable, Equatable {
        var line: Int
        /// False for a last line cut off before its line end: a torn write, `verify`'s to report.
        var endsWithNewline: Bool
    }

    /// Reads the log in batches of lines and folds each batch with `fold`, on all cores: every
    /// core reads and folds its own run of consecutive lines (`fold` says false for a line that
    /// is not an entry), and the partial results are handed to `join` in file order. A batch's
    /// lines are kept end to end in one buffer. Stops at the first line that is not an entry,
    /// which the result names.
    static func fold<Partial>(
        path: String, start: @escaping @Sendable () -> Partial,
        fold: @escaping @Sendable (inout Partial, UnsafeRawBufferPointer) -> Bool, join: (Partial) -> Void
    ) throws -> NotAnEntry? {
        let file = try POSIXFile.openForReading(path)
        var text: [UInt8] = []
        var ends: [Int] = []
        var firstNumber = 1
        var lastEnds = true
        var stop: NotAnEntry?
        let batchSize = 8192
        func flush() {
            guard !ends.isEmpty, stop == nil else { return }
            let count = ends.count
            let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / 256))
            let results = ResultSlots<(Partial, Int?)>(count: workers)
            let batch = text, bounds = ends
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var partial = start()
                var bad: Int?
                batch.withUnsafeBytes { bytes in
                    for i in (count * worker / workers)..<(count * (worker + 1) / workers) {
                        let line = UnsafeRawBufferPointer(rebasing: bytes[(i == 0 ? 0 : bounds[i - 1])..<bounds[i]])
                        guard fold(&partial, line) else {
                            bad = i
                            break
                        }
                    }
                }
                results.set(worker, (partial, bad))
            }
            for case let (partial, bad)? in results.values {
                join(partial)
                if let bad {
                    stop = NotAnEntry(line: firstNumber + bad, endsWithNewline: bad == count - 1 ? lastEnds : true)
                    return
                }
            }
            firstNumber += count
            text.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
        }
        try file.forEachLine { bytes, _, endsWithNewline in
            text.append(contentsOf: bytes)
            ends.append(text.count)
            lastEnds = endsWithNewline
            if ends.count >= batchSize { flush() }
            return stop == nil
        }
        flush()
        return stop
    }
}


extension AuditLogFile {
    /// Verifies the log at `path` with the engine's `AuditVerifier.Checker`, streaming the file
    /// so memory stays bounded by the longest line, and counts the torn lines moved aside beside
    /// it. Throws `AuditError` only when a file cannot be read; everything wrong with the
    /// content is in the report.
    static func verify(path: String, key: [UInt8]? = nil) throws -> AuditReport {
        let file = try POSIXFile.openForReading(path)
        var checker = AuditVerifier.Checker(key: key)
        try file.forEachLine { line, number, endsWithNewline in
            checker.visit(line, number: number, endsWithNewline: endsWithNewline)
        }
        var report = checker.finish()
        report.path = path
        report.movedAsideTornLines = try countLines(AuditLogFile.tornPath(for: path))
        return report
    }

    private static func countLines(_ path: String) throws -> Int {
        let file: POSIXFile
        do {
            file = try POSIXFile.openForReading(path)
        } catch let error as AuditError where error.isNotFound {
            return 0
        }
        var count = 0
        try file.forEachLine { line, _, _ in
            if !line.isEmpty { count += 1 }
            return true
        }
        return count
    }
}
