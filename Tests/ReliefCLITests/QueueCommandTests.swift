import Foundation
import Testing
@testable import ReliefCLI
import ReliefEngine

@Suite("relief queue")
struct QueueCommandTests {
    static let cases = "Fixtures/queue/open-cases.jsonl"
    static let afterLunch = "2026-03-10T13:30:00Z"

    /// The cases of an expected-*.tsv, in its order.
    static func expectedOrder(_ file: String) throws -> [String] {
        let text = try String(contentsOfFile: CLIHarness.fixture("Fixtures/queue/" + file), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map { String($0.split(separator: "\t")[1]) }
    }

    /// The case ids of the text lines, in order.
    static func order(_ text: String) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix("Q-") }.map { String($0.prefix(4)) }
    }

    @Test("text: the order the lead wrote down, with the summary first, and nothing written to the audit log")
    func text() throws {
        let state = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let run = CLIHarness.run(["queue", Self.cases, "--now", Self.afterLunch], variables: ["XDG_STATE_HOME": state.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Queue at 2026-03-10T13:30:00Z: 32 open cases, 18 overdue\n"))
        #expect(Self.order(run.stdout) == (try Self.expectedOrder("expected-2026-03-10T1330Z.tsv")))
        #expect(run.stdout.contains("Q-05  unexpected ↑ crisis"))
        #expect(run.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("relief/audit.jsonl").path), "no --record, no audit log")
    }

    @Test("--now defaults to the clock; the three moments give the three hand-written orders", arguments: [
        ("2026-03-10T09:00:00Z", "expected-2026-03-10T0900Z.tsv"),
        ("2026-03-10T13:30:00Z", "expected-2026-03-10T1330Z.tsv"),
        ("2026-03-11T09:00:00Z", "expected-2026-03-11T0900Z.tsv"),
    ])
    func clock(now: String, file: String) throws {
        let run = CLIHarness.run(["queue", Self.cases], now: now)
        #expect(run.status == 0)
        #expect(Self.order(run.stdout) == (try Self.expectedOrder(file)))
    }

    @Test("JSON: the same cases and fields, in the same order, for a dashboard")
    func json() throws {
        let run = CLIHarness.run(["queue", Self.cases, "--now", Self.afterLunch, "--format", "json"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let cases = try #require(object["cases"] as? [[String: Any]])
        #expect(cases.map { $0["caseId"] as? String ?? "" } == (try Self.expectedOrder("expected-2026-03-10T1330Z.tsv")))
        let q34 = try #require(cases.first { $0["caseId"] as? String == "Q-34" })
        #expect(q34["situation"] as? String == "elevated" && q34["openedAs"] as? String == "everyday" && q34["rose"] as? Bool == true)
        #expect((q34["due"] as? [String: Any])?["text"] as? String == "reply overdue 1 d 1 h")
        #expect(q34["owner"] as? String == "frontline-agent")
    }

    @Test("Markdown: a table for a note or a ticket")
    func markdown() {
        let run = CLIHarness.run(["queue", Self.cases, "--now", Self.afterLunch, "--format", "markdown"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("| 1 | `Q-33` | unexpected ↑ crisis |"))
    }

    @Test("--owner and --situation narrow what is shown; the summary still counts every open case")
    func filters() throws {
        let owner = CLIHarness.run(["queue", Self.cases, "--now", Self.afterLunch, "--owner", "legal-comms", "--format", "json"])
        #expect(owner.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(owner.stdout.utf8)) as? [String: Any])
        let cases = try #require(object["cases"] as? [[String: Any]])
        #expect(!cases.isEmpty && cases.allSatisfy { $0["owner"] as? String == "legal-comms" })
        #expect((object["counts"] as? [String: Any])?["open"] as? Int == 32)

        let crisis = CLIHarness.run(["queue", Self.cases, "--now", Self.afterLunch, "--situation", "crisis"])
        #expect(Self.order(crisis.stdout) == ["Q-33", "Q-02", "Q-17", "Q-03", "Q-01", "Q-05", "Q-16", "Q-23"])
        #expect(crisis.stdout.hasPrefix("Queue at 2026-03-10T13:30:00Z: 8 of 32 open cases (crisis), 6 overdue"))
    }

    @Test("usage errors: unknown owner, situation or format, a bad --now, audit options without --record (64)")
    func usage() {
        let owner = CLIHarness.run(["queue", Self.cases, "--owner", "duty-manger"])
        #expect(owner.status == 64)
        #expect(owner.stderr.contains("unknown owner 'duty-manger'") && owner.stderr.contains("did you mean 'duty-manager'?"))
        let situation = CLIHarness.run(["queue", Self.cases, "--situation", "crisys"])
        #expect(situation.status == 64 && situation.stderr.contains("unknown value 'crisys' for --situation; expected everyday, unexpected, elevated or crisis; did you mean 'crisis'?"))
        #expect(CLIHarness.run(["queue", Self.cases, "--format", "html"]).status == 64)
        #expect(CLIHarness.run(["queue", Self.cases, "--now", "tomorrow"]).status == 64)
        let audit = CLIHarness.run(["queue", Self.cases, "--audit-log", "/tmp/x.jsonl"])
        #expect(audit.status == 64 && audit.stderr.contains("only goes with --record"))
        #expect(CLIHarness.run(["queue"]).status == 64)
        #expect(CLIHarness.run(["queue", "no-such-file.jsonl"]).status == 66)
    }

    @Test("a line that cannot be read is named by file, line and field, skipped, and the rest is shown (65)")
    func badLine() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try String(contentsOfFile: CLIHarness.fixture(Self.cases), encoding: .utf8).split(separator: "\n").prefix(3)
        let file = dir.appendingPathComponent("open.jsonl")
        try (good.joined(separator: "\n") + "\n{\"id\": \"Q-X\", \"channel\": \"pigeon\"}\n{\"id\": \n").write(to: file, atomically: true, encoding: .utf8)
        let run = CLIHarness.run(["queue", file.path, "--now", Self.afterLunch])
        #expect(run.status == 65)
        #expect(run.stderr.contains("open.jsonl:4:") && run.stderr.contains(" [channel]"))
        #expect(run.stderr.contains("open.jsonl:5:"))
        #expect(run.stdout.contains("2 lines or rows could not be read"))
        #expect(Self.order(run.stdout) == ["Q-02", "Q-03", "Q-01"], "as at 13:30 in the full fixture")
    }

    @Test("a helpdesk CSV export is read as replay reads it, with --columns")
    func csv() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("export.csv")
        try """
        ticket,when,who,body
        T-2,2026-03-10 08:00:00,end-user,"The lamp arrived broken, the shade is smashed."
        T-1,2026-03-10 09:00:00,end-user,My lawyer will file a claim in the small claims court.
        T-2,2026-03-10 08:30:00,agent,"Sorry! A new shade goes out today."
        T-3,2026-03-10 07:00:00,end-user,What time do you open on Sunday?

        """.write(to: file, atomically: true, encoding: .utf8)
        let run = CLIHarness.run(["queue", file.path, "--now", "2026-03-10T09:30:00Z", "--columns", "case=ticket,at=when,from=who,text=body"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").filter { $0.hasPrefix("T-") }
        // Crisis, then unexpected (answered, nothing due) before everyday (due later): the
        // situation comes before the time left.
        #expect(lines.map { String($0.prefix(3)) } == ["T-1", "T-2", "T-3"])
        #expect(lines[0].contains("crisis") && lines[0].contains("reply overdue 15 min"))
        #expect(lines[1].contains("  –  "), "answered, nothing promised: nothing due")
        #expect(lines[2].contains("reply due in 5 h 30 min"))
    }

    @Test("--record logs each case whose situation the moment changed, as command 'queue' with the situation before, and nothing else")
    func record() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("audit.jsonl").path
        let run = CLIHarness.run(["queue", Self.cases, "--now", Self.afterLunch, "--record", "--audit-log", log, "--agent", "lead"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("recorded 3 re-triages in"))
        let entries = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
        // Waiting and a broken promise moved three cases since their last event.
        #expect(entries.map { $0["caseId"]?.stringValue ?? "" } == ["Q-11", "Q-14", "Q-34"])
        #expect(entries.map { $0["previousSituation"]?.stringValue ?? "" } == ["everyday", "everyday", "everyday"])
        #expect(entries.map { $0["situation"]?.stringValue ?? "" } == ["unexpected", "unexpected", "elevated"])
        #expect(entries.allSatisfy { $0["command"]?.stringValue == "queue" && $0["actor"]?.stringValue == "lead" && $0["time"]?.stringValue == Self.afterLunch })
        #expect(CLIHarness.run(["audit", "verify", log]).status == 0)
        let show = CLIHarness.run(["audit", "show", log])
        #expect(show.stdout.contains("Q-34  elevated  re-triaged from everyday by the queue"), "\(show.stdout)")
    }

    @Test("on a terminal: fitted to COLUMNS and coloured; never coloured with NO_COLOR or TERM=dumb, nor fitted in a pipe")
    func terminal() {
        let wide = CLIHarness.run(["queue", Self.cases, "--now", Self.afterLunch], variables: ["COLUMNS": "100"], terminal: true)
        #expect(wide.stdout.contains("\u{1B}[31m"))
        let plainLines = wide.stdout.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression).split(separator: "\n")
        #expect(plainLines.allSatisfy { $0.count <= 100 }, "\(plainLines.map(\.count).max() ?? 0)")
        #expect(wide.stdout.contains("…"))
        #expect(!CLIHarness.run(["queue", Self.cases, "--now", Self.afterLunch], variables: ["NO_COLOR": "1", "COLUMNS": "100"], terminal: true).stdout.contains("\u{1B}"))
        #expect(!CLIHarness.run(["queue", Self.cases, "--now", Self.afterLunch], variables: ["TERM": "dumb"], terminal: true).stdout.contains("\u{1B}"))
        let piped = CLIHarness.run(["queue", Self.cases, "--now", Self.afterLunch], variables: ["COLUMNS": "100"])
        #expect(!piped.stdout.contains("\u{1B}") && !piped.stdout.contains("…"))
        #expect(piped.stdout.split(separator: "\n").contains { $0.count > 100 }, "a pipe gets whole lines")
    }

    @Test("the README's screen of the desk is what the desk prints in a 160-column terminal")
    func readmeScreen() throws {
        let readme = try String(contentsOfFile: CLIHarness.fixture("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "$ relief queue Fixtures/queue/open-cases.jsonl --now 2026-03-10T13:30:00Z\n"))
        let end = try #require(readme.range(of: "\n…\n```", range: start.upperBound..<readme.endIndex))
        let screen = readme[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(screen.count > 10)
        let run = CLIHarness.run(["queue", Self.cases, "--now", Self.afterLunch], variables: ["COLUMNS": "160", "NO_COLOR": "1"], terminal: true)
        let printed = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(printed.prefix(screen.count)) == screen)
    }

    @Test("the built binary, end to end: reads the fixture from another directory and prints the desk")
    func binary() throws {
        let run = try Binary.run(["queue", CLIHarness.fixture(Self.cases), "--now", "2026-03-11T09:00:00Z"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Queue at 2026-03-11T09:00:00Z: 31 open cases, 27 overdue"))
        #expect(Self.order(run.stdout) == (try Self.expectedOrder("expected-2026-03-11T0900Z.tsv")))
        #expect(!run.stdout.contains("\u{1B}"))
        let help = try Binary.run(["help", "queue"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: relief queue"))
    }
}
