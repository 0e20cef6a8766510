import Foundation
import Testing
@testable import ReliefCLI
import ReliefEngine

@Suite("Limits on one message, one line and one CSV field")
struct InputLimitTests {
    @Test("triage reads a long message up to --max-text and says so, in text and in JSON")
    func triageTruncates() throws {
        let text = "My parcel is late. " + String(repeating: "blah ", count: 2000) + "I will sue you"
        let run = CLIHarness.run(["triage", "--no-audit", "--max-text", "1K", "--text", text])
        #expect(run.status == 0)
        #expect(run.stdout.contains("only its first part was read"))
        #expect(run.stdout.contains("UNEXPECTED"), "the lawyer threat past the limit was not read")
        let json = try JSONParser.parse(CLIHarness.run(["triage", "--no-audit", "--json", "--max-text", "1K", "--text", text]).stdout)
        #expect(json["textTruncated"]?.boolValue == true)
        let short = try JSONParser.parse(CLIHarness.run(["triage", "--no-audit", "--json", "--text", "late parcel"]).stdout)
        #expect(short["textTruncated"] == nil)
    }

    @Test("the stream reports a line over four times --max-text as an error with its line, and answers the rest")
    func streamSkipsLongLines() {
        let long = "{\"id\": \"L\", \"text\": \"" + String(repeating: "x", count: 5000) + "\"}"
        let input = "{\"id\": \"A\", \"text\": \"late\"}\n" + long + "\n{\"id\": \"B\", \"text\": \"late\"}\n"
        let run = CLIHarness.run(["triage", "--no-audit", "--stream", "--max-text", "1K"], stdin: input)
        #expect(run.status == 65)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("\"caseId\":\"A\""))
        #expect(lines[1].contains("\"line\":2") && lines[1].contains("longer than the limit of 4096"))
        #expect(lines[2].contains("\"caseId\":\"B\""))
    }

    @Test("replay skips a long JSON line and a long CSV field with their lines, and replays the rest")
    func replaySkips() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let jsonl = dir.appendingPathComponent("h.jsonl")
        try ("{\"id\": \"L\", \"text\": \"" + String(repeating: "x", count: 5000) + "\"}\n{\"id\": \"B\", \"text\": \"late\"}\n").write(to: jsonl, atomically: true, encoding: .utf8)
        let a = CLIHarness.run(["replay", jsonl.path, "--max-text", "1K"])
        #expect(a.status == 65)
        #expect(a.stderr.contains("h.jsonl:1: error: the line is 5023 bytes"))
        #expect(a.stdout.contains("Replay of 1 case"))
        let csv = dir.appendingPathComponent("h.csv")
        try ("ticket_id,created_at,author_role,body\nT-1,2026-03-01 09:00:00,end-user,\"" + String(repeating: "y", count: 3000) + "\"\nT-2,2026-03-01 09:00:00,end-user,late\n").write(to: csv, atomically: true, encoding: .utf8)
        let b = CLIHarness.run(["replay", csv.path, "--max-text", "1K"])
        #expect(b.status == 65)
        #expect(b.stderr.contains("h.csv:2: error: a field is longer than 1024 bytes"))
        #expect(b.stdout.contains("Replay of 1 case"))
    }

    @Test("--max-text takes sizes with K and M and refuses anything else")
    func parsing() {
        for bad in ["0", "-5", "big", "1G"] {
            #expect(CLIHarness.run(["triage", "--no-audit", "--max-text", bad, "--text", "x"]).status == 64, "\(bad)")
        }
        #expect(CLIHarness.run(["triage", "--no-audit", "--max-text", "2M", "--text", "late"]).status == 0)
    }
}
