import Foundation
import Testing
@testable import ReliefCLI
import ReliefEngine

@Suite("Triage records every decision in the audit log")
struct TriageAuditTests {
    let dir = CLIHarness.temporaryDirectory()
    var log: String { dir.appendingPathComponent("audit.jsonl").path }

    func entries(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test("--stream over a batch split among workers prints and records every case in input order, bad lines in place")
    func streamOrderInLogAndOutput() throws {
        let texts = ["thank you", "my card was stolen", "the parcel is late", "Tere, arve on vale"]
        var lines: [String] = []
        for i in 0..<1_000 {
            lines.append(i % 97 == 50 ? #"{"id": "C\#(i)", "text": "#
                : #"{"id": "C\#(i)", "text": "\#(texts[i % 4])"}"#)
        }
        let run = CLIHarness.run(["triage", "--stream", "--audit-log", log], stdin: lines.joined(separator: "\n") + "\n")
        #expect(run.status == 65)
        let printed = run.stdout.split(separator: "\n").map(String.init)
        #expect(printed.count == 1_000)
        var recordedIds: [String] = []
        for (i, line) in printed.enumerated() {
            if i % 97 == 50 {
                #expect(line.contains(#""error""#) && line.contains(#""line":\#(i + 1)"#), "line \(i + 1): \(line.prefix(80))")
            } else {
                #expect(line.contains(#""caseId":"C\#(i)""#), "line \(i + 1): \(line.prefix(80))")
                recordedIds.append("C\(i)")
            }
        }
        let logged = try entries(log)
        #expect(logged.map { $0["caseId"] as? String ?? "" } == recordedIds)
        #expect(logged.map { $0["seq"] as? Int ?? 0 } == Array(1...recordedIds.count))
        #expect(run.stderr.contains("\(1_000 - recordedIds.count) lines"))
    }

    @Test("an entry made with --now in the past also records the wall-clock time it was written")
    func backdatedShows() throws {
        let run = CLIHarness.run(["triage", "--audit-log", log, "--now", "2026-01-05T08:00:00Z", "--text", "Where is my parcel?"], now: "2026-03-02T12:00:00Z")
        #expect(run.status == 0, "\(run.stderr)")
        let e = try #require(try entries(log).first)
        #expect(e["time"] as? String == "2026-01-05T08:00:00Z")
        #expect(e["recordedAt"] as? String == "2026-03-02T12:00:00Z")
        let show = CLIHarness.run(["audit", "show", log])
        #expect(show.stdout.contains("recorded at 2026-03-02 12:00 UTC, evaluated as of 2026-01-05 08:00 UTC"), "\(show.stdout)")
    }

    @Test("one entry per decision with the documented fields, created with mode 0600")
    func fields() throws {
        let run = CLIHarness.run(["triage", "--audit-log", log, "--agent", "mari", "Fixtures/cases/en-19-charged-twice.json"])
        #expect(run.status == 0, "\(run.stderr)")
        let all = try entries(log)
        #expect(all.count == 1)
        let e = all[0]
        for key in ["seq", "time", "recordedAt", "actor", "command", "caseId", "caseDigest", "rules", "situation", "signals", "expectations", "responses", "fallback", "prev", "hash"] {
            #expect(e[key] != nil, "missing \(key)")
        }
        #expect(e["actor"] as? String == "mari")
        #expect(e["seq"] as? Int == 1)
        #expect((e["rules"] as? [String: Any])?["digest"] as? String == SHA256.hexDigest(DefaultRules.source))
        let bytes = try Data(contentsOf: CLIHarness.repository.appendingPathComponent("Fixtures/cases/en-19-charged-twice.json"))
        #expect(e["caseDigest"] as? String == SHA256.hexDigest([UInt8](bytes)))
        #expect(e["text"] == nil, "customer text is not stored by default")
        let mode = try FileManager.default.attributesOfItem(atPath: log)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(CLIHarness.run(["audit", "verify", log]).status == 0)
    }

    @Test("--log-text stores the text with personal data masked; --no-audit writes nothing")
    func textAndNoAudit() throws {
        let text = "Call me on +372 5123 4567 or mari@example.com, my card 4111 1111 1111 1111 was stolen"
        #expect(CLIHarness.run(["triage", "--audit-log", log, "--log-text", "--text", text]).status == 0)
        let stored = try #require(try entries(log).first?["text"] as? String)
        #expect(stored.contains("[phone]") && stored.contains("[email]") && stored.contains("[card]"))
        #expect(!stored.contains("5123") && !stored.contains("example.com") && !stored.contains("4111"))
        let other = dir.appendingPathComponent("none.jsonl").path
        #expect(CLIHarness.run(["triage", "--no-audit", "--text", "hi"], variables: ["RELIEF_AUDIT_LOG": other]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: other))
    }

    @Test("the log's place: --audit-log, else RELIEF_AUDIT_LOG, else XDG_STATE_HOME, else ~/.local/state")
    func location() throws {
        #expect(CLIHarness.run(["triage", "--text", "hi"], variables: ["RELIEF_AUDIT_LOG": log]).status == 0)
        #expect(FileManager.default.fileExists(atPath: log))
        #expect(CLIHarness.run(["triage", "--text", "hi"], variables: ["XDG_STATE_HOME": dir.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("relief/audit.jsonl").path))
        #expect(CLIHarness.run(["triage", "--text", "hi"], variables: ["XDG_STATE_HOME": "", "HOME": dir.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".local/state/relief/audit.jsonl").path))
    }

    @Test("an override is recorded with what the engine said and why")
    func override() throws {
        #expect(CLIHarness.run(["triage", "--audit-log", log, "--text", "thanks", "--override", "crisis", "--reason", "caller said she is not safe"]).status == 0)
        let o = try #require(try entries(log).first?["override"] as? [String: Any])
        #expect(o["engineSituation"] as? String == "everyday")
        #expect(o["situation"] as? String == "crisis")
        #expect(o["reason"] as? String == "caller said she is not safe")
    }

    @Test("a log that cannot be written stops triage before any advice is printed")
    func unwritable() throws {
        let file = dir.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let run = CLIHarness.run(["triage", "--audit-log", file.path + "/audit.jsonl", "--text", "my card was stolen"])
        #expect(run.status == 73)
        #expect(run.stdout.isEmpty, "nothing printed that was not recorded")
        #expect(run.stderr.contains("cannot write"))
        #expect(run.stderr.contains("not printed"))
    }

    @Test("a full disk stops triage the same way (/dev/full)", .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func diskFull() throws {
        let run = CLIHarness.run(["triage", "--audit-log", "/dev/full", "--text", "the parcel is late"])
        #expect(run.status == 73)
        #expect(run.stdout.isEmpty)
    }

    @Test("a stream whose log cannot be written prints nothing and exits 73", .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func streamDiskFull() {
        let run = CLIHarness.run(["triage", "--stream", "--audit-log", "/dev/full"], stdin: "{\"id\": \"A\", \"text\": \"thanks\"}\n{\"id\": \"B\", \"text\": \"stolen card\"}\n")
        #expect(run.status == 73)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("not printed"))
    }

    @Test("a stream records each decision before printing it; bad lines are not recorded")
    func stream() throws {
        let input = "{\"id\": \"A\", \"text\": \"thanks\"}\nnot json\n{\"id\": \"B\", \"text\": \"my account was hacked\"}\n"
        let run = CLIHarness.run(["triage", "--stream", "--audit-log", log], stdin: input)
        #expect(run.status == 65)
        let all = try entries(log)
        #expect(all.map { $0["caseId"] as? String } == ["A", "B"])
        #expect(all.map { $0["command"] as? String } == ["triage --stream", "triage --stream"])
    }
}

@Suite("relief audit verify, show and stats")
struct AuditCommandTests {
    let dir = CLIHarness.temporaryDirectory()
    var log: String { dir.appendingPathComponent("audit.jsonl").path }

    func fill() {
        _ = CLIHarness.run(["triage", "--audit-log", log, "--agent", "mari", "--text", "thank you!"])
        _ = CLIHarness.run(["triage", "--audit-log", log, "--agent", "jaan", "--text", "my card was stolen"], now: "2026-03-05T12:00:00Z")
        _ = CLIHarness.run(["triage", "--audit-log", log, "--agent", "mari", "--text", "hmm", "--override", "unexpected", "--reason", "third call today"], now: "2026-03-06T12:00:00Z")
        _ = CLIHarness.run(["triage", "--audit-log", log, "--agent", "jaan", "--text", "the parcel is late"], now: "2026-03-07T12:00:00Z")
    }

    func lines() throws -> [String] {
        try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func write(_ lines: [String]) throws {
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: log))
    }

    @Test("an intact log verifies with exit 0")
    func intact() {
        fill()
        let run = CLIHarness.run(["audit", "verify", log])
        #expect(run.status == 0)
        #expect(run.stdout.contains("intact, 4 entries"))
    }

    @Test("editing any byte of an entry fails verify and names the entry")
    func edited() throws {
        fill()
        let original = try lines()
        for index in 0..<4 {
            var changed = original
            var bytes = Array(changed[index].utf8)
            // Change a byte inside the caseId value ("cli" -> "clj").
            let range = try #require(changed[index].range(of: "\"caseId\":\"cli\""))
            let offset = changed[index].utf8.distance(from: changed[index].startIndex, to: range.upperBound) - 2
            bytes[offset] = UInt8(ascii: "j")
            changed[index] = String(decoding: bytes, as: UTF8.self)
            try write(changed)
            let run = CLIHarness.run(["audit", "verify", log])
            #expect(run.status == 1)
            #expect(run.stdout.contains("\(log):\(index + 1): edited"), "\(run.stdout)")
        }
    }

    @Test("deleting, inserting, swapping entries or tearing the last line fails verify and says what happened")
    func tampering() throws {
        fill()
        let original = try lines()
        var deleted = original
        deleted.remove(at: 1)
        try write(deleted)
        #expect(CLIHarness.run(["audit", "verify", log]).stdout.contains("deleted"))

        var inserted = original
        inserted.insert(original[0], at: 3)
        try write(inserted)
        #expect(CLIHarness.run(["audit", "verify", log]).stdout.contains("inserted"))

        var swapped = original
        swapped.swapAt(1, 2)
        try write(swapped)
        #expect(CLIHarness.run(["audit", "verify", log]).stdout.contains("reordered"))

        let tornText = original[0..<3].joined(separator: "\n") + "\n" + String(original[3].prefix(40))
        try Data(tornText.utf8).write(to: URL(fileURLWithPath: log))
        let run = CLIHarness.run(["audit", "verify", log])
        #expect(run.status == 1)
        #expect(run.stdout.contains("torn"))
    }

    @Test("after a torn write, the next writer moves the torn line aside and verify reports it")
    func tornRecovery() throws {
        fill()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"seq\":5,\"actor\":\"half".utf8))
        try handle.close()
        #expect(CLIHarness.run(["triage", "--audit-log", log, "--text", "hello"]).status == 0)
        let run = CLIHarness.run(["audit", "verify", log])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("intact, 6 entries"), "the recovery is an entry of the chain, then the decision")
        #expect(run.stdout.contains("torn line was left by an interrupted write"))
        #expect(try String(contentsOfFile: log + ".torn", encoding: .utf8).contains("half"))
        // The trace stays in the chain even when the .torn file is deleted.
        try FileManager.default.removeItem(atPath: log + ".torn")
        #expect(CLIHarness.run(["audit", "show", log]).stdout.contains("recovery: a write was cut off"))
        #expect(CLIHarness.run(["audit", "stats", log]).stdout.contains("Recovered interrupted writes: 1"))
    }

    @Test("show lists decisions newest last, filtered by case, actor and date; --json prints stored lines")
    func show() throws {
        fill()
        let all = CLIHarness.run(["audit", "show", log])
        #expect(all.status == 0)
        let rows = all.stdout.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(rows.count == 4)
        #expect(rows.first?.hasPrefix("#1 ") == true && rows.last?.hasPrefix("#4 ") == true)
        #expect(all.stdout.contains("overridden from"))
        #expect(CLIHarness.run(["audit", "show", log, "--actor", "jaan"]).stdout.split(separator: "\n").filter { $0.hasPrefix("#") }.count == 2)
        #expect(CLIHarness.run(["audit", "show", log, "--actor", "JAAN"]).stdout.split(separator: "\n").filter { $0.hasPrefix("#") }.count == 2, "--actor ignores case")
        #expect(CLIHarness.run(["audit", "show", log, "--since", "2026-03-06"]).stdout.split(separator: "\n").filter { $0.hasPrefix("#") }.count == 2)
        #expect(CLIHarness.run(["audit", "show", log, "--case", "nope"]).stdout == "no decisions match\n")
        let json = CLIHarness.run(["audit", "show", log, "--json", "--actor", "mari"])
        #expect(json.stdout.split(separator: "\n").map(String.init) == (try lines()).filter { $0.contains("\"actor\":\"mari\"") })
        #expect(CLIHarness.run(["audit", "show", log, "--format", "json", "--actor", "mari"]).stdout == json.stdout, "--format json is --json")
        #expect(CLIHarness.run(["audit", "show", log, "--format", "json", "--json"]).status == 0)
        #expect(CLIHarness.run(["audit", "show", log, "--format", "text", "--json"]).status == 64)
        #expect(CLIHarness.run(["audit", "show", log, "--since", "last week"]).status == 64)
    }

    @Test("show prints each time to the minute in the reader's zone")
    func showTimes() throws {
        fill()
        // The first decision was made at 2026-03-02T12:00:00Z: 14:00 in Tallinn, UTC+2 in March,
        // and 07:00 in New York, still on UTC-5 until 8 March.
        let tallinn = CLIHarness.run(["audit", "show", log, "--tz", "Europe/Tallinn"])
        #expect(tallinn.status == 0)
        #expect(tallinn.stdout.hasPrefix("#1  2026-03-02 14:00 +02:00  mari  cli  everyday\n"), "\(tallinn.stdout)")
        #expect(CLIHarness.run(["audit", "show", log]).stdout.hasPrefix("#1  2026-03-02 12:00 UTC  mari  cli  everyday\n"), "TZ=UTC in the tests")
        #expect(CLIHarness.run(["audit", "show", log], variables: ["TZ": "America/New_York"]).stdout.hasPrefix("#1  2026-03-02 07:00 -05:00  mari  "))
    }

    @Test("stats counts by situation, rules version and actor, the fallback rate and overrides with reasons")
    func stats() throws {
        fill()
        let run = CLIHarness.run(["audit", "stats", log, "--json"])
        #expect(run.status == 0)
        #expect(CLIHarness.run(["audit", "stats", log, "--format", "json"]).stdout == run.stdout, "--format json is --json")
        let wrong = CLIHarness.run(["audit", "stats", log, "--format", "csv"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("unknown value 'csv' for --format; expected text or json"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["decisions"] as? Int == 4)
        #expect((object["byActor"] as? [String: Int]) == ["mari": 2, "jaan": 2])
        #expect((object["byRulesVersion"] as? [String: Int])?.values.reduce(0, +) == 4)
        #expect(object["overrides"] as? Int == 1)
        let list = try #require(object["overrideList"] as? [[String: Any]])
        #expect(list.first?["reason"] as? String == "third call today")
        let text = CLIHarness.run(["audit", "stats", log]).stdout
        #expect(text.contains("By situation") && text.contains("Fallback:") && text.contains("third call today"))
    }

    @Test("a missing log is exit 66")
    func missing() {
        #expect(CLIHarness.run(["audit", "verify", dir.appendingPathComponent("nope.jsonl").path]).status == 66)
        #expect(CLIHarness.run(["audit", "show", dir.appendingPathComponent("nope.jsonl").path]).status == 66)
    }
}

@Suite("The audit log refuses what is not its own")
struct AuditLogSafetyTests {
    @Test("triage with a log path that names another file exits 73, names the file, prints no advice and changes nothing")
    func notALog() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let notes = dir.appendingPathComponent("notes.txt").path
        try "shopping\nmilk\n".write(toFile: notes, atomically: true, encoding: .utf8)
        for _ in 0..<3 {
            let run = CLIHarness.run(["triage", "--audit-log", notes, "--text", "my parcel is late"])
            #expect(run.status == 73)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains(notes))
            #expect(run.stderr.contains("not a Relief audit log"))
        }
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "shopping\nmilk\n")
        #expect(!FileManager.default.fileExists(atPath: notes + ".torn"))
    }
}
