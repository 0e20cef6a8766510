import Foundation
import Testing
@testable import ReliefCLI
import ReliefEngine

@Suite("relief replay")
struct ReplayCommandTests {
    static let histories = "Fixtures/histories/histories.jsonl"
    static let export = "Fixtures/histories/helpdesk-export.csv"
    static let broken = "Fixtures/histories/broken.jsonl"

    /// A tiny rules file and three cases whose coverage is 50% (2 of 4 steps), worked out by hand:
    /// crisis × empathy and unexpected × consistency have no response.
    static let tinyRules = #"""
    {
      format: 1, name: "tiny", version: "1", defaultLanguage: "en",
      languages: { en: { negators: ["not"], markers: ["the", "is", "my", "it"] } },
      owners: { agent: { en: "agent" } },
      signals: [
        { id: "broken", about: "b", text: { en: ["broken"] }, examples: { match: { en: ["broken"] }, noMatch: { en: ["fine"] } } },
        { id: "lawyer", about: "l", text: { en: ["lawyer"] }, examples: { match: { en: ["lawyer"] }, noMatch: { en: ["fine"] } } },
        { id: "thanks", about: "t", text: { en: ["thanks"] }, examples: { match: { en: ["thanks"] }, noMatch: { en: ["fine"] } } },
      ],
      precedence: ["crisis", "elevated", "unexpected", "everyday"], fallback: "everyday",
      situations: {
        crisis: { wants: { en: "w" }, reliefMoment: { en: "r" }, firstResponse: "PT15M", expectations: ["trust", "empathy"], rules: [{ id: "crisis-legal", when: "lawyer" }] },
        elevated: { wants: { en: "w" }, reliefMoment: { en: "r" }, firstResponse: "PT1H", expectations: ["personalization"], rules: [] },
        unexpected: { wants: { en: "w" }, reliefMoment: { en: "r" }, firstResponse: "PT4H", expectations: ["recovery", "consistency"], rules: [{ id: "unexpected-broken", when: "broken" }] },
        everyday: { wants: { en: "w" }, reliefMoment: { en: "r" }, firstResponse: "P1D", expectations: ["simplicity"], rules: [{ id: "everyday-thanks", when: "thanks" }] },
      },
      expectations: {
        trust: { about: { en: "t" }, raisedBy: [] }, personalization: { about: { en: "p" }, raisedBy: [] }, simplicity: { about: { en: "s" }, raisedBy: [] },
        empathy: { about: { en: "e" }, raisedBy: [] }, consistency: { about: { en: "c" }, raisedBy: [] }, recovery: { about: { en: "r" }, raisedBy: [] },
      },
      hitPolicy: "most-specific",
      responses: [
        { id: "crisis-trust", situation: "crisis", expectation: "trust", say: { en: "s" }, tone: { en: "t" }, do: { en: ["d"] }, owner: "agent", within: "PT15M" },
        { id: "unexpected-recovery", situation: "unexpected", expectation: "recovery", say: { en: "s" }, tone: { en: "t" }, do: { en: ["d"] }, owner: "agent", within: "PT1H" },
        { id: "everyday-simplicity", situation: "everyday", expectation: "simplicity", say: { en: "s" }, tone: { en: "t" }, do: { en: ["d"] }, owner: "agent", within: "PT1H" },
      ],
    }
    """#

    static let tinyCases = """
    {"id": "A", "text": "thanks"}
    {"id": "B", "events": [{"type": "message", "text": "it is broken"}, {"type": "message", "text": "my lawyer"}]}
    {"id": "C", "text": "hello there"}

    """

    /// A scratch directory with tiny.json5, tiny.jsonl and, for --compare, after.json5 (where
    /// the lawyer no longer makes a crisis).
    static func scratch() throws -> URL {
        let dir = CLIHarness.temporaryDirectory()
        try tinyRules.write(to: dir.appendingPathComponent("tiny.json5"), atomically: true, encoding: .utf8)
        try tinyRules.replacingOccurrences(of: #"when: "lawyer""#, with: #"when: { all: ["lawyer", "thanks"] }"#)
            .replacingOccurrences(of: #"name: "tiny""#, with: #"name: "tiny-after""#)
            .write(to: dir.appendingPathComponent("after.json5"), atomically: true, encoding: .utf8)
        try tinyCases.write(to: dir.appendingPathComponent("tiny.jsonl"), atomically: true, encoding: .utf8)
        return dir
    }

    static func json(_ run: CLIRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test("the text report opens with a summary a support lead takes in at a glance, then the gaps")
    func textReport() {
        let run = CLIHarness.run(["replay", Self.histories])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Replay of 34 cases:") == true)
        let coverage = lines.firstIndex { $0.hasPrefix("Coverage: ") }
        let relief = lines.firstIndex { $0.hasPrefix("Relief moments met: ") }
        let gaps = lines.firstIndex(of: "Gaps, worst first")
        #expect(coverage != nil && relief != nil && gaps != nil)
        if let coverage, let gaps { #expect(coverage < gaps) }
        #expect(run.stdout.contains("Situations"))
        #expect(!run.stdout.contains("\u{1B}["))
    }

    @Test("--format json carries every documented field, one case entry per case")
    func jsonFields() throws {
        let run = CLIHarness.run(["replay", "--format", "json", Self.histories])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try Self.json(run)
        let coverage = try #require(object["coverage"] as? [String: Any])
        let percent = try #require(coverage["percent"] as? Double)
        #expect(percent >= 0 && percent <= 100)
        let cells = try #require(coverage["cells"] as? [[String: Any]])
        #expect(cells.count == 24)
        for key in ["situation", "expectation", "steps", "covered"] { #expect(cells[0][key] != nil, "cell missing \(key)") }
        for key in ["uncovered", "fallbacks", "usage", "outcomes"] { #expect(object[key] != nil, "missing \(key)") }
        let cases = try #require(object["cases"] as? [[String: Any]])
        #expect(cases.count == 34)
        let first = try #require(cases.first { $0["caseId"] as? String == "H-2001" })
        let trajectory = try #require(first["trajectory"] as? [[String: Any]])
        #expect(trajectory.count == 3)
        for key in ["step", "at", "situation"] { #expect(trajectory[0][key] != nil, "step missing \(key)") }
        let peak = try #require(first["peak"] as? [String: Any])
        #expect(peak["step"] != nil && peak["situation"] != nil)
        let relief = try #require(first["reliefMoment"] as? [String: Any])
        for key in ["due", "answeredAt", "met"] { #expect(relief.keys.contains(key), "reliefMoment missing \(key)") }
        #expect(relief["due"] is String)
    }

    @Test("broken lines are reported with file and line, skipped and counted; the good ones are replayed")
    func brokenLines() throws {
        let run = CLIHarness.run(["replay", "--format", "json", Self.broken])
        #expect(run.status == 65)
        let errors = run.stderr.split(separator: "\n").map(String.init)
        #expect(errors.contains { $0.hasPrefix("\(Self.broken):2:") && $0.contains("error:") })
        #expect(errors.contains { $0.hasPrefix("\(Self.broken):5:") && $0.contains(" [events]") })
        #expect(run.stderr.contains("2 lines or rows could not be read"))
        #expect(!run.stderr.contains("Fatal error"))
        let object = try Self.json(run)
        #expect((object["cases"] as? [Any])?.count == 4)
        let input = try #require(object["input"] as? [String: Any])
        #expect(input["skipped"] as? Int == 2)
        let skipped = try #require(input["skippedLines"] as? [[String: Any]])
        #expect(skipped.map { $0["line"] as? Int } == [2, 5])
        let text = CLIHarness.run(["replay", Self.broken])
        #expect(text.stdout.contains("Skipped: 2 lines or rows could not be read"))
    }

    @Test("--min-coverage exits 1 when coverage is below it and 0 when it is not")
    func minCoverage() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let below = CLIHarness.run(["replay", "--rules", "tiny.json5", "--min-coverage", "60", "tiny.jsonl"], directory: dir.path)
        #expect(below.status == 1, "\(below.stderr)")
        #expect(below.stderr.contains("coverage 50.0% is below --min-coverage 60"))
        #expect(below.stdout.contains("Coverage: 50% of steps"))
        let met = CLIHarness.run(["replay", "--rules", "tiny.json5", "--min-coverage", "50", "tiny.jsonl"], directory: dir.path)
        #expect(met.status == 0, "\(met.stderr)")
        #expect(CLIHarness.run(["replay", "--rules", "tiny.json5", "--min-coverage", "50.5%", "tiny.jsonl"], directory: dir.path).status == 1)
        for bad in ["abc", "150", "-1"] {
            let run = CLIHarness.run(["replay", "--min-coverage", bad, "tiny.jsonl"], directory: dir.path)
            #expect(run.status == 64, "\(bad)")
            #expect(run.stderr.contains("Usage: relief replay"))
        }
    }

    @Test("the coverage numbers of a small known file, worked out by hand")
    func knownCoverage() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let object = try Self.json(CLIHarness.run(["replay", "--rules", "tiny.json5", "--format", "json", "tiny.jsonl"], directory: dir.path))
        let coverage = try #require(object["coverage"] as? [String: Any])
        #expect(coverage["percent"] as? Double == 50)
        #expect(coverage["steps"] as? Int == 4)
        #expect(coverage["coveredSteps"] as? Int == 2)
        let cells = try #require(coverage["cells"] as? [[String: Any]])
        func cell(_ s: String, _ e: String) -> [Int?] {
            let c = cells.first { $0["situation"] as? String == s && $0["expectation"] as? String == e }
            return [c?["steps"] as? Int, c?["covered"] as? Int]
        }
        #expect(cell("everyday", "simplicity") == [2, 2])
        #expect(cell("unexpected", "recovery") == [1, 1])
        #expect(cell("unexpected", "consistency") == [1, 0])
        #expect(cell("crisis", "trust") == [1, 1])
        #expect(cell("crisis", "empathy") == [1, 0])
        let uncovered = try #require(object["uncovered"] as? [[String: Any]])
        #expect(uncovered.map { "\($0["caseId"]!)#\($0["step"]!)" } == ["B#1", "B#2"])
        let fallbacks = try #require(object["fallbacks"] as? [String: Any])
        #expect(fallbacks["cases"] as? Int == 1)
        #expect((fallbacks["words"] as? [[String: Any]])?.map { $0["word"] as? String } == ["hello", "there"])
    }

    @Test("a missing file exits 66 before anything is replayed; bad usage exits 64 with the usage hint")
    func errors() {
        let missing = CLIHarness.run(["replay", Self.histories, "no/such/file.jsonl"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no such file: 'no/such/file.jsonl'"))
        #expect(missing.stdout.isEmpty)
        for args in [["replay"], ["replay", "--format", "pdf", Self.histories], ["replay", "--columns", "kase=x", Self.export],
                     ["replay", "--hold-rows", "0", Self.export], ["replay", "-", "-"], ["replay", "--input", "xml", Self.histories],
                     ["replay", "--customer-role", "agent", Self.export]] {
            let run = CLIHarness.run(args)
            #expect(run.status == 64, "\(args): \(run.stderr)")
            #expect(run.stderr.contains("Usage: relief replay"), "\(args)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test("a broken rules file, for --rules or --compare, exits 65")
    func brokenRules() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "{ format: 1, name: ".write(to: dir.appendingPathComponent("bad.json5"), atomically: true, encoding: .utf8)
        #expect(CLIHarness.run(["replay", "--rules", "bad.json5", "tiny.jsonl"], directory: dir.path).status == 65)
        #expect(CLIHarness.run(["replay", "--compare", "bad.json5", "tiny.jsonl"], directory: dir.path).status == 65)
    }

    @Test("several files at once, JSON Lines and CSV, and '-' for standard input")
    func severalInputs() throws {
        let both = try Self.json(CLIHarness.run(["replay", "--format", "json", Self.histories, Self.export]))
        #expect((both["cases"] as? [Any])?.count == 44)
        let files = try #require((both["input"] as? [String: Any])?["files"] as? [[String: Any]])
        #expect(files.map { $0["format"] as? String } == ["jsonl", "csv"])
        #expect(files.map { $0["cases"] as? Int } == [34, 10])

        let csv = try String(contentsOfFile: CLIHarness.fixture(Self.export), encoding: .utf8)
        let fromStdin = CLIHarness.run(["replay", "--format", "json", "-"], stdin: csv)
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        let object = try Self.json(fromStdin)
        #expect((object["cases"] as? [Any])?.count == 10)
        #expect(((object["input"] as? [String: Any])?["files"] as? [[String: Any]])?.first?["name"] as? String == "<stdin>")

        let jsonl = CLIHarness.run(["replay", "--format", "json", "-"], stdin: Self.tinyCases)
        #expect((try Self.json(jsonl)["cases"] as? [Any])?.count == 3)
    }

    @Test("CSV: --columns maps headers, --customer-role and --agent-role map author roles, bad rows are reported")
    func csvOptions() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = "Pilet;Aeg;Kes;Sisu\n".replacingOccurrences(of: ";", with: ",")
            + "P1,2026-03-01 09:00:00,klient,\"it is broken, again\"\n"
            + "P2,2026-03-01 09:30:00,klient,thanks\n"
            + "P1,2026-03-01 09:10:00,teenindaja,sorry\n"
            + "P1,not a time,klient,hm\n"
            + "P1,2026-03-01 10:00:00,robot,beep\n"
        try csv.write(to: dir.appendingPathComponent("export.csv"), atomically: true, encoding: .utf8)
        let run = CLIHarness.run(["replay", "--rules", "tiny.json5", "--format", "json", "--columns", "case=Pilet,at=Aeg,from=Kes,text=Sisu",
                                  "--customer-role", "klient", "--agent-role", "teenindaja", "export.csv"], directory: dir.path)
        #expect(run.status == 65)
        #expect(run.stderr.contains("export.csv:5: error: 'not a time' is not a time"))
        #expect(!run.stderr.contains("export.csv:6"), "a bot row is not an error")
        #expect(run.stderr.contains("relief: note: export.csv: skipped 1 bot row"))
        let object = try Self.json(run)
        let cases = try #require(object["cases"] as? [[String: Any]])
        #expect(cases.map { $0["caseId"] as? String } == ["P1", "P2"])
        let relief = try #require(cases[0]["reliefMoment"] as? [String: Any])
        #expect(relief["answeredAt"] as? String == "2026-03-01T09:10:00Z")
        #expect(relief["met"] as? Bool == true)
    }

    @Test("CSV past --hold-rows: waiting cases are replayed early, and a row too late for its case is reported")
    func holdRows() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "case,text\nA,it is broken\nB,thanks\nC,thanks\nA,my lawyer\n".write(to: dir.appendingPathComponent("late.csv"), atomically: true, encoding: .utf8)
        let run = CLIHarness.run(["replay", "--rules", "tiny.json5", "--hold-rows", "2", "--format", "json", "late.csv"], directory: dir.path)
        #expect(run.status == 65)
        #expect(run.stderr.contains("late.csv:5: error: case 'A' was already replayed"))
        let input = try #require(try Self.json(run)["input"] as? [String: Any])
        #expect(input["casesReplayedEarly"] as? Int == 1)
        #expect(input["lateRows"] as? Int == 1)
        #expect(input["heldRowLimit"] as? Int == 2)
        let text = CLIHarness.run(["replay", "--rules", "tiny.json5", "--hold-rows", "2", "late.csv"], directory: dir.path)
        #expect(text.stdout.contains("1 row came after its case had been replayed"))
        let enough = CLIHarness.run(["replay", "--rules", "tiny.json5", "--format", "json", "late.csv"], directory: dir.path)
        #expect(enough.status == 0)
        #expect(((try Self.json(enough)["cases"] as? [[String: Any]])?.first?["trajectory"] as? [Any])?.count == 2)
    }

    @Test("--out writes the report to a file and nothing to standard output; an unwritable path exits 73")
    func out() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = CLIHarness.run(["replay", "--rules", "tiny.json5", "--format", "html", "--out", "report.html", "tiny.jsonl"], directory: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let page = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        let bad = CLIHarness.run(["replay", "--rules", "tiny.json5", "--out", "no/such/dir/report.txt", "tiny.jsonl"], directory: dir.path)
        #expect(bad.status == 73)
    }

    @Test("--out to a pipe or a device writes through it and leaves it in place; to a link, replaces the file it names")
    func outToPipeAndLink() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func kind(_ path: String) -> mode_t {
            var info = stat()
            return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
        }
        // A FIFO, with its reading end open first (without blocking), so the writer can open it.
        let fifo = dir.appendingPathComponent("report.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let run = CLIHarness.run(["replay", "--rules", "tiny.json5", "--out", fifo, "tiny.jsonl"], directory: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(kind(fifo) == S_IFIFO, "the pipe must not be replaced by a file")
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let got = read(reader, &buffer, buffer.count)
        #expect(got > 0 && String(decoding: buffer[..<max(got, 0)], as: UTF8.self).contains("Replay of 3 cases"))

        // /dev/null stays the device it is. Only tried when the pipe survived: a regression
        // must not replace the machine's /dev/null with a file.
        guard kind(fifo) == S_IFIFO else { return }
        #expect(CLIHarness.run(["replay", "--rules", "tiny.json5", "--out", "/dev/null", "tiny.jsonl"], directory: dir.path).status == 0)
        #expect(kind("/dev/null") == S_IFCHR)

        // A link keeps pointing at its file, which now holds the report.
        try "old".write(to: dir.appendingPathComponent("target.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.txt").path, withDestinationPath: "target.txt")
        #expect(CLIHarness.run(["replay", "--rules", "tiny.json5", "--out", "link.txt", "tiny.jsonl"], directory: dir.path).status == 0)
        #expect(kind(dir.appendingPathComponent("link.txt").path) == S_IFLNK)
        let report = try String(contentsOf: dir.appendingPathComponent("target.txt"), encoding: .utf8)
        #expect(report.contains("Replay of 3 cases"))

        // A link to a pipe writes through to the pipe, which stays a pipe.
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("pipe-link").path, withDestinationPath: "report.fifo")
        #expect(CLIHarness.run(["replay", "--rules", "tiny.json5", "--out", "pipe-link", "tiny.jsonl"], directory: dir.path).status == 0)
        #expect(kind(fifo) == S_IFIFO)
        let again = read(reader, &buffer, buffer.count)
        #expect(again > 0 && String(decoding: buffer[..<max(again, 0)], as: UTF8.self).contains("Replay of 3 cases"))

        // A link to nothing is refused (exit 73) and left as it was.
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("dangling").path, withDestinationPath: "no/such/file")
        let dangling = CLIHarness.run(["replay", "--rules", "tiny.json5", "--out", "dangling", "tiny.jsonl"], directory: dir.path)
        #expect(dangling.status == 73)
        #expect(kind(dir.appendingPathComponent("dangling").path) == S_IFLNK)

        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("--compare lists the cases whose leading situation, peak or responses differ, before and after")
    func compare() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = CLIHarness.run(["replay", "--rules", "tiny.json5", "--compare", "after.json5", "tiny.jsonl"], directory: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        // The report says which file is on which side of every arrow.
        #expect(run.stdout.contains("Rules change: --rules → --compare"))
        #expect(run.stdout.contains("before →: tiny 1 (tiny.json5), the report above"))
        #expect(run.stdout.contains("after →:  tiny-after 1 (after.json5)"))
        #expect(run.stdout.contains("1 of 3 cases differ: leading 1, peak 1, responses 1."))
        #expect(run.stdout.contains("B  leading crisis → unexpected; peak step 2 crisis → step 1 unexpected"))
        let md = CLIHarness.run(["replay", "--rules", "tiny.json5", "--compare", "after.json5", "--format", "markdown", "tiny.jsonl"], directory: dir.path)
        #expect(md.stdout.contains("### Rules change: `--rules` → `--compare`"))
        #expect(md.stdout.contains("After: `tiny-after` 1 from `after.json5`."))
    }

    @Test("replay has no side effects: nothing is written to the audit log")
    func noAudit() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("state/audit.jsonl")
        let run = CLIHarness.run(["replay", "--rules", "tiny.json5", "tiny.jsonl"],
                                 variables: ["RELIEF_AUDIT_LOG": log.path, "XDG_STATE_HOME": dir.appendingPathComponent("xdg").path, "HOME": dir.path],
                                 directory: dir.path)
        #expect(run.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["after.json5", "tiny.json5", "tiny.jsonl"])
    }

    @Test("help is on stdout with exit 0, from --help and from 'relief help replay'")
    func help() {
        let run = CLIHarness.run(["replay", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("OVERVIEW: Replay past case histories"))
        #expect(run.stdout.contains("--min-coverage <percent>"))
        #expect(CLIHarness.run(["help", "replay"]).stdout == run.stdout)
        #expect(CLIHarness.run(["--help"]).stdout.contains("replay"))
    }

    @Test("the built binary replays the fixtures end to end: text, JSON, Markdown and HTML")
    func binary() throws {
        let root = CLIHarness.repository.path
        let text = try Binary.run(["replay", Self.histories, Self.export], directory: root)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("Replay of 44 cases:"))
        let json = try Binary.run(["replay", "--format", "json", Self.broken], directory: root)
        #expect(json.status == 65)
        #expect(json.stderr.contains("broken.jsonl:2:") && json.stderr.contains("broken.jsonl:5:"))
        #expect(!json.stderr.contains("Fatal error") && !json.stderr.contains("Stack dump"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["cases"] as? [Any])?.count == 4)
        let md = try Binary.run(["replay", "--format", "markdown", Self.histories], directory: root)
        #expect(md.stdout.hasPrefix("## Replay: 34 cases"))
        let html = try Binary.run(["replay", "--format", "html", "-"], stdin: try String(contentsOfFile: CLIHarness.fixture(Self.histories), encoding: .utf8))
        #expect(html.status == 0)
        #expect(html.stdout.contains("Coverage heat map") && !html.stdout.contains("<script"))
    }

    @Test("no input, however broken, crashes replay or prints a stack trace")
    func garbage() throws {
        var generator = SystemRandomNumberGenerator()
        var samples = ["", "{", "\n\n\n", "a,b\n\"", "ticket_id\n\"\"\"", "{\"id\": 5, \"events\": [{}]}", String(repeating: "[", count: 100_000), "\u{FEFF}{\"id\": \"bom\", \"text\": \"hi\"}"]
        for _ in 0..<4 {
            samples.append(String(decoding: (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }, as: UTF8.self))
        }
        for sample in samples {
            for format in ["jsonl", "csv"] {
                let run = try Binary.run(["replay", "--input", format, "--format", "json", "-"], stdin: sample)
                #expect([0, 65].contains(run.status), "\(format) \(sample.prefix(30).debugDescription): \(run.status) \(run.stderr.prefix(300))")
                #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"))
                #expect((try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) != nil, "\(format) \(sample.prefix(30).debugDescription)")
            }
        }
    }
}

@Suite("replay --out and its inputs")
struct ReplayOutInputTests {
    @Test("--out naming an input file (or a link to it) is refused with 73 and the input is unchanged")
    func outIsInput() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("h.jsonl")
        let original = try String(contentsOfFile: CLIHarness.fixture(ReplayCommandTests.histories), encoding: .utf8)
        try original.write(to: input, atomically: true, encoding: .utf8)
        let link = dir.appendingPathComponent("link.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: input)
        for out in [input.path, link.path] {
            let run = CLIHarness.run(["replay", input.path, "--out", out])
            #expect(run.status == 73)
            #expect(run.stderr.contains("the report would overwrite the cases it reads"))
        }
        #expect(try String(contentsOf: input, encoding: .utf8) == original)
    }
}

@Suite("replay reports for people")
struct ReplayPeopleTimeTests {
    @Test("text and Markdown show targets as durations and due times in the --tz zone; JSON keeps ISO 8601")
    func zone() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("late.jsonl")
        // An unexpected case opened 09:00Z and never answered: due 4 h later, 15:00 in Tallinn.
        try Data(#"{"id": "L", "events": [{"at": "2026-03-01T09:00:00Z", "type": "message", "text": "the parcel is broken"}]}"#.utf8).write(to: file)
        let text = CLIHarness.run(["replay", file.path, "--tz", "Europe/Tallinn"])
        #expect(text.stdout.contains("  L  unexpected peak at step 1, due 2026-03-01 15:00 +02:00, never answered\n"), "\(text.stdout)")
        #expect(text.stdout.contains("\n  unexpected       4 h "))
        let markdown = CLIHarness.run(["replay", file.path, "--format", "markdown"])
        #expect(markdown.stdout.contains("due 2026-03-01 13:00 UTC, never answered"), "TZ=UTC in the tests")
        let json = CLIHarness.run(["replay", file.path, "--format", "json", "--tz", "Europe/Tallinn"])
        #expect(json.stdout.contains(#""due" : "2026-03-01T13:00:00Z""#) || json.stdout.contains(#""due":"2026-03-01T13:00:00Z""#))
        #expect(json.stdout.contains(#""PT4H""#))
        let asOf = CLIHarness.run(["replay", file.path, "--as-of", "2026-03-01T12:00:00Z", "--tz", "Europe/Tallinn"])
        #expect(asOf.stdout.contains("as of 2026-03-01 14:00 +02:00: later deadlines are open, not missed\n"), "\(asOf.stdout)")
    }
}

@Suite("replay: update cadence and relief curves")
struct ReplayCadenceAndCurveTests {
    static let outcomes = "Fixtures/histories/outcomes.jsonl"

    @Test("text: the cadence per situation always; the relief curve with --relief-curve, naming where satisfaction falls most")
    func text() {
        let plain = CLIHarness.run(["replay", Self.outcomes])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("Update cadence"))
        #expect(plain.stdout.contains("crisis        1 h      6 of 27 (22.2%)"))
        #expect(plain.stdout.contains("elevated      4 h      18 of 30 (60%)"))
        #expect(plain.stdout.contains("cadence kept"), "beside the other outcomes")
        #expect(!plain.stdout.contains("Relief curve"))
        #expect(!plain.stdout.contains("PT1H") && !plain.stdout.contains("PT4H"), "durations as people say them")
        let curve = CLIHarness.run(["replay", Self.outcomes, "--relief-curve"])
        #expect(curve.stdout.contains("CSAT falls most from under 15 min (4.7) to 15–60 min (3.2): evidence for a first-response target of 15 min; the rules say 15 min."))
        #expect(curve.stdout.contains("CSAT falls most from 4–24 h (4.3) to over 24 h (3.0): evidence for a first-response target of 1 d; the rules say 8 h."))
        #expect(curve.stdout.contains("    over 24 h           3      –      –      –"), "too few: no means")
    }

    @Test("JSON: updateCadence per case and in the summary; reliefCurve only with --relief-curve")
    func json() throws {
        let run = CLIHarness.run(["replay", Self.outcomes, "--format", "json", "--relief-curve"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let cases = try #require(object["cases"] as? [[String: Any]])
        let first = try #require(cases.first?["updateCadence"] as? [String: Any])
        #expect(first["situation"] as? String == "crisis" && first["every"] as? String == "PT1H" && first["kept"] as? Bool == true)
        let cadence = try #require(object["updateCadence"] as? [String: Any])
        #expect(cadence["kept"] as? Int == 24 && cadence["missed"] as? Int == 33)
        let bySituation = try #require(cadence["bySituation"] as? [[String: Any]])
        #expect(bySituation.map { $0["every"] as? String } == ["PT1H", "PT4H", nil, nil])
        let curve = try #require(object["reliefCurve"] as? [String: Any])
        let curves = try #require(curve["bySituation"] as? [[String: Any]])
        let crisis = try #require(curves.first)
        let finding = try #require(crisis["finding"] as? [String: Any])
        #expect(finding["kind"] as? String == "falls" && finding["from"] as? String == "under-15-min" && finding["suggestedTarget"] as? String == "PT15M")
        let buckets = try #require(crisis["buckets"] as? [[String: Any]])
        #expect(buckets.map { $0["wait"] as? String } == ["under-15-min", "15-60-min", "1-4-h", "4-24-h", "over-24-h"])
        #expect(buckets.last?["drawn"] as? Bool == false && buckets.first?["drawn"] as? Bool == true)
        let without = CLIHarness.run(["replay", Self.outcomes, "--format", "json"])
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(without.stdout.utf8)) as? [String: Any])
        #expect(plain["reliefCurve"] is NSNull)
    }

    @Test("Markdown and HTML carry both; the HTML draws one chart per situation, inline, with no scripts")
    func markdownAndHTML() throws {
        let markdown = CLIHarness.run(["replay", Self.outcomes, "--format", "markdown", "--relief-curve"])
        #expect(markdown.stdout.contains("### Update cadence"))
        #expect(markdown.stdout.contains("| crisis | 1 h | 6 of 27 (22.2%) |"))
        #expect(markdown.stdout.contains("### Relief curve"))
        #expect(markdown.stdout.contains("| over 24 h | 3 | – | – | – |"))
        let html = CLIHarness.run(["replay", Self.outcomes, "--format", "html", "--relief-curve"]).stdout
        #expect(html.contains("<h2>Update cadence</h2>") && html.contains("<h2>Relief curves</h2>"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 4)
        #expect(html.contains("target 15 min") && html.contains("too few"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        #expect(!CLIHarness.run(["replay", Self.outcomes, "--format", "html"]).stdout.contains("<h2>Relief curves</h2>"))
    }
}
