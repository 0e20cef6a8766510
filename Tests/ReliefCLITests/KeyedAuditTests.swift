import Foundation
import Testing
@testable import ReliefCLI
import ReliefEngine

@Suite("Keyed audit chain and anchored head")
struct KeyedAuditTests {
    struct Setup {
        let dir: URL
        var log: String { dir.appendingPathComponent("log.jsonl").path }
        var key: String { dir.appendingPathComponent("key").path }
    }

    func setup() throws -> Setup {
        let s = Setup(dir: CLIHarness.temporaryDirectory())
        try "0123456789abcdef0123456789abcdef\n".write(toFile: s.key, atomically: true, encoding: .utf8)
        chmod(s.key, 0o600)
        for text in ["my parcel is late", "thanks", "I will sue you"] {
            #expect(CLIHarness.run(["triage", "--audit-log", s.log, "--audit-key-file", s.key, "--text", text]).status == 0)
        }
        return s
    }

    @Test("a keyed log verifies with its key; without it verify says only the chain was checked")
    func verifyWithAndWithoutKey() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let with = CLIHarness.run(["audit", "verify", s.log, "--key-file", s.key])
        #expect(with.status == 0)
        #expect(with.stdout.contains("keyed: 3 of 3 keyed entries proven with the key"))
        let without = CLIHarness.run(["audit", "verify", s.log])
        #expect(without.status == 0)
        #expect(without.stdout.contains("no key was given, so only the chain was checked"))
        let other = s.dir.appendingPathComponent("other").path
        try "another key, sixteen bytes long!\n".write(toFile: other, atomically: true, encoding: .utf8)
        chmod(other, 0o600)
        #expect(CLIHarness.run(["audit", "verify", s.log, "--key-file", other]).status == 1)
    }

    @Test("someone without the key who edits an entry and recomputes the chain is caught by the key")
    func forgery() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        // Rewrite every entry from the second on as plain entries with correct SHA-256 links.
        var entries: [AuditEntry] = []
        #expect(try AuditLogFile.entries(path: s.log) { entries.append($0) } == nil)
        var prev = entries[0].hash
        var lines = [entries[0].line]
        for e in entries.dropFirst() {
            var body = e.body
            body["chain"] = nil
            body["situation"] = .string("everyday")
            let forged = AuditEntry(seq: e.seq, prev: prev, body: body)
            lines.append(forged.line)
            prev = forged.hash
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: s.log, atomically: true, encoding: .utf8)
        chmod(s.log, 0o600)
        let run = CLIHarness.run(["audit", "verify", s.log, "--key-file", s.key])
        #expect(run.status == 1)
        #expect(run.stdout.contains("a plain entry after keyed ones: written without the key"))
    }

    @Test("verify prints the head; --expect-head fails once entries are cut off the end")
    func anchoredHead() throws {
        let s = try setup()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let first = CLIHarness.run(["audit", "verify", s.log])
        let head = try #require(first.stdout.split(separator: "\n").first { $0.hasPrefix("head: ") }).dropFirst(6)
        #expect(head.hasPrefix("3:"))
        #expect(CLIHarness.run(["audit", "verify", s.log, "--expect-head", String(head)]).status == 0)
        let lines = try String(contentsOfFile: s.log, encoding: .utf8).split(separator: "\n")
        try (lines.prefix(2).joined(separator: "\n") + "\n").write(toFile: s.log, atomically: true, encoding: .utf8)
        chmod(s.log, 0o600)
        let cut = CLIHarness.run(["audit", "verify", s.log, "--expect-head", String(head)])
        #expect(cut.status == 1)
        #expect(cut.stdout.contains("intact"), "the chain itself cannot see a cut end")
        #expect(cut.stdout.contains("the log no longer reaches entry 3"))
        #expect(CLIHarness.run(["audit", "verify", s.log, "--expect-head", "3:xyz"]).status == 64)
    }

    @Test("a key file others can read is refused, and so is a short key")
    func keyFileRules() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = dir.appendingPathComponent("key").path
        try "0123456789abcdef0123456789abcdef".write(toFile: key, atomically: true, encoding: .utf8)
        chmod(key, 0o644)
        let loose = CLIHarness.run(["triage", "--audit-log", dir.appendingPathComponent("l").path, "--audit-key-file", key, "--text", "x"])
        #expect(loose.status == 66)
        #expect(loose.stderr.contains("chmod 600"))
        try "short".write(toFile: key, atomically: true, encoding: .utf8)
        chmod(key, 0o600)
        #expect(CLIHarness.run(["triage", "--audit-log", dir.appendingPathComponent("l").path, "--audit-key-file", key, "--text", "x"]).status == 65)
    }

    @Test("without $USER the actor is the account name, not 'unknown'")
    func actorFallback() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("l.jsonl").path
        #expect(CLIHarness.run(["triage", "--audit-log", log, "--text", "x"], variables: [:]).status == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(!text.contains("\"actor\":\"unknown\""))
        let expected = String(cString: getpwuid(geteuid())!.pointee.pw_name)
        #expect(text.contains("\"actor\":\"\(expected)\""))
    }
}
