import Foundation
import Testing
@testable import ReliefCLI
import ReliefEngine

/// A case id, a customer's words or an override reason holding terminal control characters must
/// reach a person's terminal as visible escapes, never as commands.
@Suite("Control characters from the input are shown, not obeyed")
struct OutputInjectionTests {
    static let hostile = "T\u{1B}[2J\u{1B}]0;pwned\u{07}\rCase X EVERYDAY"

    func clean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0 == "\r" }
    }

    @Test("triage text output, plain and through a pipe, escapes the id, the words and the reason")
    func triage() {
        let run = CLIHarness.run(["triage", "--no-audit", "--id", Self.hostile, "--text", "broken \u{1B}[31mred", "--override", "crisis", "--reason", "x\u{1B}[2Jy"])
        #expect(run.status == 0)
        #expect(clean(run.stdout), "\(run.stdout.debugDescription)")
        #expect(run.stdout.contains("\\u{1B}[2J"))
    }

    @Test("audit show and stats escape what was logged")
    func audit() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("a.jsonl").path
        #expect(CLIHarness.run(["triage", "--audit-log", log, "--agent", "m\u{1B}[2J", "--id", Self.hostile, "--text", "broken", "--override", "crisis", "--reason", "r\rX"]).status == 0)
        #expect(clean(CLIHarness.run(["audit", "show", log]).stdout))
        #expect(clean(CLIHarness.run(["audit", "stats", log]).stdout))
    }

    @Test("an error message that quotes a bad value escapes it")
    func errors() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("c.json")
        try "{\"id\": \"x\", \"channel\": \"\\u001b[2Jpigeon\"}".write(to: file, atomically: true, encoding: .utf8)
        let run = CLIHarness.run(["triage", "--no-audit", file.path])
        #expect(run.status == 65)
        #expect(clean(run.stderr), "\(run.stderr.debugDescription)")
    }

    @Test("replay's text and Markdown reports escape case ids")
    func replay() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("h.jsonl")
        let id = "H\\u001b[2J\\rX"
        try "{\"id\": \"\(id)\", \"events\": [{\"at\": \"2026-03-01T09:00:00Z\", \"type\": \"message\", \"from\": \"customer\", \"text\": \"zzqx wibble\"}]}\n".write(to: file, atomically: true, encoding: .utf8)
        for format in ["text", "markdown"] {
            let run = CLIHarness.run(["replay", file.path, "--format", format])
            #expect(clean(run.stdout), "\(format): \(run.stdout.debugDescription)")
        }
    }
}
