import Foundation
import Synchronization
import Testing
@testable import ReliefCLI
import ReliefEngine

/// A fresh directory under the system temporary directory, removed by the test that made it.
struct AuditScratchDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("relief-audit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    static func lines(of path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func permissions(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}

@Suite("Audit log file")
struct AuditLogFileTests {
    /// The clock the log stamps on recoveries: fixed, so no test reads the wall clock.
    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_772_355_600) }

    static func body(_ i: Int, writer: String = "test") -> [String: JSON] {
        [
            "case": .string("T-\(1000 + i)"),
            "situation": .string("elevated"),
            "text": .string("Klient kirjutas: \"raha läks kaks korda\" (\(i))"),
            "writer": .string(writer),
        ]
    }

    @Test("an entry's line is compact sorted JSON and its hash covers prev, a line break and the rest")
    func lineFormat() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let log = AuditLogFile(path: dir.file("audit.jsonl"), now: Self.clock)
        let entry = try log.append(["b": .int(1), "a": .string("x")])
        // Expected hash computed with Python: sha256(64 zeros + "\n" + the line without "hash").
        let expectedHash = "4234b6a841c945c723a012b6960ba5b15925e283e075b93ce0c9e3885672969c"
        #expect(entry.hash == expectedHash)
        let lines = try AuditScratchDirectory.lines(of: log.path)
        #expect(
            lines == [
                "{\"a\":\"x\",\"b\":1,\"hash\":\"\(expectedHash)\",\"prev\":\"\(AuditEntry.firstPrev)\",\"seq\":1}", "",
            ])
    }

    @Test("appended batches form one chain that reads back and verifies")
    func roundTrip() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let log = AuditLogFile(path: dir.file("audit.jsonl"), now: Self.clock)
        let first = try log.append((1...3).map { Self.body($0) })
        let second = try log.append((4...5).map { Self.body($0) })
        #expect(first.map(\.seq) == [1, 2, 3])
        #expect(second.map(\.seq) == [4, 5])
        #expect(first[0].prev == AuditEntry.firstPrev)
        #expect(second[0].prev == first[2].hash)

        var read: [AuditEntry] = []
        #expect(try AuditLogFile.entries(path: log.path) { read.append($0) } == nil)
        #expect(read == first + second)
        #expect(read.allSatisfy { $0.hasValidHash })
        #expect(read[3].body == Self.body(4))

        let report = try AuditLogFile.verify(path: log.path)
        #expect(report.isIntact)
        #expect(report.verifiedEntries == 5)
        #expect(report.lastSeq == 5)
        #expect(report.lastHash == second[1].hash)
    }

    @Test("reading stops at the first line that is not an entry and names it; a torn last line is told apart")
    func readStopsAtNonEntry() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let log = AuditLogFile(path: dir.file("audit.jsonl"), now: Self.clock)
        try log.append((1...5).map { Self.body($0) })
        var text = try String(contentsOfFile: log.path, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        lines[2] = "not an entry"
        text = lines.joined(separator: "\n") + "\n"
        try text.write(toFile: log.path, atomically: true, encoding: .utf8)
        var seqs: [Int] = []
        #expect(try AuditLogFile.entries(path: log.path) { seqs.append($0.seq) } == AuditLogFile.NotAnEntry(line: 3, endsWithNewline: true))
        #expect(seqs == [1, 2])
        try (lines.prefix(2).joined(separator: "\n") + "\n{\"seq\":3,\"act").write(toFile: log.path, atomically: true, encoding: .utf8)
        seqs = []
        #expect(try AuditLogFile.entries(path: log.path) { seqs.append($0.seq) } == AuditLogFile.NotAnEntry(line: 3, endsWithNewline: false))
        #expect(seqs == [1, 2])
    }

    @Test("a summary folded on several cores equals one made entry by entry")
    func foldedSummary() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let log = AuditLogFile(path: dir.file("audit.jsonl"), now: Self.clock)
        let bodies: [[String: JSON]] = (1...3000).map { i in
            var body = Self.body(i)
            body["situation"] = .string(["everyday", "unexpected", "crisis"][i % 3])
            body["actor"] = .string(i % 7 == 0 ? "mari" : "jaan")
            if i % 11 == 0 { body["override"] = .object(["situation": .string("crisis"), "engineSituation": .string("everyday"), "reason": .string("r\(i)")]) }
            return body
        }
        try log.append(bodies)
        var folded = AuditSummary()
        #expect(try AuditLogFile.fold(path: log.path, start: { AuditSummary() }, fold: { $0.add(line: $1) }, join: { folded.merge($0) }) == nil)
        var serial = AuditSummary()
        for line in try String(contentsOfFile: log.path, encoding: .utf8).split(separator: "\n") {
            #expect(Array(line.utf8).withUnsafeBytes { serial.add(line: $0) })
        }
        #expect(folded == serial)
        #expect(folded.decisions == 3000)
        #expect(folded.byActor["mari"] == 428)
        #expect(folded.overrides.map(\.seq) == Array(stride(from: 11, through: 2999, by: 11)))
    }

    @Test("bodies may not use the chain's own field names, and nothing is written then")
    func reservedKeys() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let log = AuditLogFile(path: dir.file("audit.jsonl"), now: Self.clock)
        #expect(throws: AuditError.self) {
            try log.append([Self.body(1), ["seq": .int(7)]])
        }
        #expect(!FileManager.default.fileExists(atPath: log.path))
    }

    @Test("the log is created with mode 0600 inside new directories with mode 0700")
    func permissions() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let log = AuditLogFile(path: dir.file("a/b/audit.jsonl"), now: Self.clock)
        try log.append(Self.body(1))
        #expect(try AuditScratchDirectory.permissions(of: log.path) == 0o600)
        #expect(try AuditScratchDirectory.permissions(of: dir.file("a")) == 0o700)
        #expect(try AuditScratchDirectory.permissions(of: dir.file("a/b")) == 0o700)
    }

    @Test("a path that cannot be written gives an AuditError with the path and the OS reason")
    func unwritablePath() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        // A regular file where a directory should be: fails even for root.
        _ = FileManager.default.createFile(atPath: dir.file("not-a-dir"), contents: Data("x".utf8))
        let log = AuditLogFile(path: dir.file("not-a-dir/audit.jsonl"), now: Self.clock)
        let error = try #require(throws: AuditError.self) { try log.append(Self.body(1)) }
        #expect(error.path.hasPrefix(dir.file("not-a-dir")))
        #expect(error.reason == "Not a directory")
        #expect(error.description.contains("not-a-dir"))

        // The log path is itself a directory.
        try FileManager.default.createDirectory(atPath: dir.file("is-a-dir"), withIntermediateDirectories: false)
        let error2 = try #require(throws: AuditError.self) { try AuditLogFile(path: dir.file("is-a-dir"), now: Self.clock).append(Self.body(1)) }
        #expect(error2.path == dir.file("is-a-dir"))
        #expect(error2.reason == "Is a directory")
    }

    @Test(
        "a read-only directory gives an AuditError with the OS reason",
        .enabled(if: geteuid() != 0, "root may write into read-only directories"))
    func readOnlyDirectory() throws {
        let dir = try AuditScratchDirectory()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dir.path)
            dir.remove()
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: dir.path)
        let error = try #require(throws: AuditError.self) {
            try AuditLogFile(path: dir.file("audit.jsonl"), now: Self.clock).append(Self.body(1))
        }
        #expect(error.reason == "Permission denied")
    }

    @Test("four threads appending 200 batches each through their own AuditLogFile keep one contiguous chain")
    func concurrentAppends() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let path = dir.file("audit.jsonl")
        final class Failures: Sendable { let list = Mutex<[String]>([]) }
        let failures = Failures()
        let group = DispatchGroup()
        for writer in 0..<4 {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                let log = AuditLogFile(path: path, now: Self.clock)  // its own open file description per append
                for batch in 0..<200 {
                    let bodies = (0..<3).map { Self.body(batch * 3 + $0, writer: "w\(writer)") }
                    do {
                        let written = try log.append(bodies)
                        if written.map(\.seq) != [written[0].seq, written[0].seq + 1, written[0].seq + 2] {
                            failures.list.withLock { $0.append("batch not contiguous: \(written.map(\.seq))") }
                        }
                    } catch {
                        failures.list.withLock { $0.append("\(error)") }
                    }
                }
            }
            thread.start()
        }
        group.wait()
        #expect(failures.list.withLock { $0 } == [])

        var seqs: [Int] = []
        var perWriter: [String: Int] = [:]
        _ = try AuditLogFile.entries(path: path) { entry in
            seqs.append(entry.seq)
            if case .string(let writer)? = entry.body["writer"] { perWriter[writer, default: 0] += 1 }
        }
        #expect(seqs.count == 2400)
        let firstOutOfPlace = seqs.enumerated().first { $0.offset + 1 != $0.element }
        #expect(firstOutOfPlace == nil, "seq must run 1, 2, 3, ... without gaps or repeats")
        #expect(perWriter == ["w0": 600, "w1": 600, "w2": 600, "w3": 600])
        let report = try AuditLogFile.verify(path: path)
        #expect(report.isIntact)
        #expect(report.verifiedEntries == 2400)
    }

    @Test("a torn last line is moved to .torn, cut off, and appending continues the chain")
    func tornTailRecovery() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let stamp = Date(timeIntervalSince1970: 1_772_355_600)  // 2026-03-01T09:00:00Z
        let log = AuditLogFile(path: dir.file("audit.jsonl"), now: { stamp })
        let before = try log.append((1...3).map { Self.body($0) })

        // A crash in the middle of writing the fourth line.
        let half = "{\"case\":\"T-1004\",\"situation\":\"ele"
        let handle = try #require(FileHandle(forWritingAtPath: log.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(half.utf8))
        try handle.close()
        #expect(try AuditLogFile.verify(path: log.path).problem?.kind == .torn)

        let after = try log.append(Self.body(4))
        // The recovery is an entry of the chain (seq 4), so deleting the .torn file cannot hide it.
        #expect(after.seq == 5)
        var recovery: AuditEntry?
        _ = try AuditLogFile.entries(path: log.path) { if $0.seq == 4 { recovery = $0 } }
        let entry = try #require(recovery)
        #expect(entry.prev == before[2].hash)
        #expect(after.prev == entry.hash)
        guard case .object(let r)? = entry.body["recovery"] else { Issue.record("no recovery body"); return }
        #expect(r["tornBytes"] == .int(half.utf8.count))
        #expect(r["tornSha256"] == .string(SHA256.hexDigest(half)))

        let tornLines = try AuditScratchDirectory.lines(of: log.tornPath)
        #expect(tornLines.count == 2 && tornLines[1].isEmpty)
        let note = try #require(try? JSONParser.parse(tornLines[0]))
        #expect(note["text"]?.stringValue == half)
        #expect(note["movedAt"]?.stringValue == "2026-03-01T09:00:00Z")
        #expect(note["base64"] == nil)
        #expect(try AuditScratchDirectory.permissions(of: log.tornPath) == 0o600)

        let report = try AuditLogFile.verify(path: log.path)
        #expect(report.isIntact)
        #expect(report.verifiedEntries == 5)
        #expect(report.movedAsideTornLines == 1)
        #expect(try AuditScratchDirectory.lines(of: log.path).count == 6)
    }

    @Test("a line cut inside a multi-byte letter keeps its exact bytes in the .torn note")
    func tornInsideCharacter() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let log = AuditLogFile(path: dir.file("audit.jsonl"), now: Self.clock)
        try log.append(Self.body(1))
        let handle = try #require(FileHandle(forWritingAtPath: log.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3]))  // {"a":"  + half of "õ"
        try handle.close()
        try log.append(Self.body(2))
        let note = try #require(try? JSONParser.parse(try AuditScratchDirectory.lines(of: log.tornPath)[0]))
        #expect(note["base64"]?.stringValue == Data([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3]).base64EncodedString())
        #expect(try AuditLogFile.verify(path: log.path).isIntact)
    }

    @Test("a complete last line that is not an entry is damage: the append is refused and nothing is changed")
    func garbageLastLine() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let log = AuditLogFile(path: dir.file("audit.jsonl"), now: Self.clock)
        try log.append((1...2).map { Self.body($0) })
        let handle = try #require(FileHandle(forWritingAtPath: log.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\0\0\0\0\n".utf8))
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: log.path))
        #expect(throws: AuditError.self) { try log.append(Self.body(3)) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: log.path)) == before)
        #expect(!FileManager.default.fileExists(atPath: log.tornPath))
    }

    @Test("a file that is not a Relief log is never changed, however often it is named as the log")
    func notALog() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        for content in ["two lines\nof notes", "line 1\nline 2\nline 3\nline 4\n", "{\"a\": 1}", "{\"config\": true}\n{\"x\""] {
            let path = dir.file("notes.txt")
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
            let log = AuditLogFile(path: path, now: Self.clock)
            for _ in 0..<4 { #expect(throws: AuditError.self) { try log.append(Self.body(1)) } }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == content, "\(content.debugDescription)")
            #expect(!FileManager.default.fileExists(atPath: log.tornPath))
        }
    }

    @Test("a log others can write is refused, saying what to chmod; the .torn file is never followed through a link")
    func permissionsAndLinks() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let log = AuditLogFile(path: dir.file("audit.jsonl"), now: Self.clock)
        try log.append(Self.body(1))
        chmod(log.path, 0o666)
        do {
            try log.append(Self.body(2))
            Issue.record("a world-writable log was appended to")
        } catch let error as AuditError {
            #expect(error.reason.contains("chmod 600"))
        }
        chmod(log.path, 0o600)

        // A torn line, and a .torn that is a link to someone else's file.
        let victim = dir.file("victim.txt")
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: victim))
        try FileManager.default.createSymbolicLink(atPath: log.tornPath, withDestinationPath: victim)
        let handle = try #require(FileHandle(forWritingAtPath: log.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"actor\":\"cut".utf8))
        try handle.close()
        #expect(throws: AuditError.self) { try log.append(Self.body(2)) }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me\n")
    }

    @Test("a log whose whole content is a torn line starts again at seq 1")
    func onlyATornLine() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let log = AuditLogFile(path: dir.file("audit.jsonl"), now: Self.clock)
        _ = FileManager.default.createFile(atPath: log.path, contents: Data("{\"seq\":1,\"pr".utf8), attributes: [.posixPermissions: 0o600])
        let entry = try log.append(Self.body(1))
        #expect(entry.seq == 2, "seq 1 records the recovery")
        #expect(try AuditLogFile.verify(path: log.path).isIntact)
    }
}

@Suite("Verifying an audit log file")
struct AuditLogFileVerifyTests {
    @Test("a .torn file beside the log is reported while the chain stays intact")
    func tornFileBeside() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let log = AuditLogFile(path: dir.file("audit.jsonl"), now: AuditLogFileTests.clock)
        try log.append(AuditLogFileTests.body(1))
        _ = FileManager.default.createFile(atPath: log.tornPath, contents: Data("{\"text\":\"x\"}\n{\"text\":\"y\"}\n".utf8))
        let report = try AuditLogFile.verify(path: log.path)
        #expect(report.isIntact)
        #expect(report.movedAsideTornLines == 2)
        #expect(report.path == log.path)
    }

    @Test("an empty log is intact; a missing one is an AuditError")
    func emptyAndMissing() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        _ = FileManager.default.createFile(atPath: dir.file("empty.jsonl"), contents: Data())
        let report = try AuditLogFile.verify(path: dir.file("empty.jsonl"))
        #expect(report.isIntact)
        #expect(report.verifiedEntries == 0)
        #expect(report.lastHash == AuditEntry.firstPrev)

        let error = try #require(throws: AuditError.self) { try AuditLogFile.verify(path: dir.file("missing.jsonl")) }
        #expect(error.reason == "No such file or directory")
    }

    @Test("lines longer than the read buffer are verified too")
    func longLines() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let log = AuditLogFile(path: dir.file("audit.jsonl"), now: AuditLogFileTests.clock)
        let big = String(repeating: "õ", count: 1_500_000)
        try log.append([["text": .string(big)], ["text": .string("small")], ["text": .string(big + "!")]])
        let report = try AuditLogFile.verify(path: log.path)
        #expect(report.isIntact)
        #expect(report.verifiedEntries == 3)
    }

    @Test("the file verifier and the engine's verifier over the same bytes agree")
    func sameAsInMemory() throws {
        let dir = try AuditScratchDirectory()
        defer { dir.remove() }
        let log = AuditLogFile(path: dir.file("audit.jsonl"), now: AuditLogFileTests.clock)
        try log.append((1...10).map { AuditLogFileTests.body($0) })
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: log.path)))
        bytes.removeLast(7)  // a torn last line
        try Data(bytes).write(to: URL(fileURLWithPath: log.path))
        var fromFile = try AuditLogFile.verify(path: log.path)
        fromFile.path = ""
        #expect(fromFile == AuditVerifier.verify(bytes: bytes))
        #expect(fromFile.problem?.kind == .torn)
    }
}
