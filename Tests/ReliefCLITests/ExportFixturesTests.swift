import Foundation
import Testing

/// The three exports in Fixtures/exports replay end to end with the flags their README documents,
/// and give the peaks and relief moments a support lead wrote down before they were replayed.
@Suite("Real helpdesk exports replay without hand-editing")
struct ExportFixturesTests {
    static let flags: [String: [String]] = [
        "estonian-excel.csv": ["--encoding", "windows-1257", "--time-format", "dd.MM.yyyy HH:mm[:ss]", "--tz", "Europe/Tallinn", "--as-of", "2026-03-06T14:00:00Z"],
        "zendesk.csv": ["--map", "from:answer bot=bot,channel:web widget=chat"],
        "freshdesk.tsv": [],
    ]

    struct Expected {
        var peak: String
        var reliefMoment: String
    }

    static func expectations() throws -> [String: [String: Expected]] {
        let text = try String(contentsOfFile: CLIHarness.fixture("Fixtures/exports/expected.tsv"), encoding: .utf8)
        var result: [String: [String: Expected]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t").map(String.init)
            result[f[0], default: [:]][f[1]] = Expected(peak: f[2], reliefMoment: f[3])
        }
        return result
    }

    @Test("each export gives the expected peak and relief moment for every case", arguments: ["estonian-excel.csv", "zendesk.csv", "freshdesk.tsv"])
    func replays(file: String) throws {
        let expected = try #require(try Self.expectations()[file])
        let run = CLIHarness.run(["replay", "Fixtures/exports/" + file, "--format", "json"] + Self.flags[file]!)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let cases = try #require(object["cases"] as? [[String: Any]])
        #expect(Set(cases.compactMap { $0["caseId"] as? String }) == Set(expected.keys))
        for c in cases {
            let id = try #require(c["caseId"] as? String)
            let peak = (c["peak"] as? [String: Any])?["situation"] as? String
            let relief = try #require(c["reliefMoment"] as? [String: Any])
            let state = relief["open"] as? Bool == true ? "open" : relief["met"] as? Bool == true ? "met" : "missed"
            #expect(peak == expected[id]?.peak, "\(file) \(id)")
            #expect(state == expected[id]?.reliefMoment, "\(file) \(id)")
        }
    }

    @Test("the Excel export: bot, system and unknown-channel rows are counted on stderr, and its Estonian words survive")
    func excelNotes() throws {
        let run = CLIHarness.run(["replay", "Fixtures/exports/estonian-excel.csv", "--format", "json", "--as-of", "2026-03-06T14:00:00Z"]
            + ["--encoding", "windows-1257", "--time-format", "dd.MM.yyyy HH:mm[:ss]", "--tz", "Europe/Tallinn"])
        #expect(run.stderr.contains("skipped 1 bot row and 1 system row"))
        #expect(run.stderr.contains("1 row has a channel Relief does not know ('postkast'); read as 'other'"))
        // 09:05 in Tallinn in March is 07:05 UTC.
        #expect(run.stdout.contains("\"peakAt\":\"2026-03-02T07:05:00Z\""))
    }

    @Test("read as UTF-8, the Excel export fails with line, column and a hint, and nothing is garbled silently")
    func excelWithoutEncoding() {
        let run = CLIHarness.run(["replay", "Fixtures/exports/estonian-excel.csv"])
        #expect(run.status == 65)
        // "Pilet;Aeg;Autor;Kanal;S" is 23 bytes: the õ of "Sõnum" is byte 24.
        #expect(run.stderr.contains("estonian-excel.csv:1:24: error: the header row is malformed: invalid UTF-8 (byte 0xF5)"))
        #expect(run.stderr.contains("--encoding"))
    }

    @Test("with Estonian times and no --time-format, the error says which format the times look like")
    func excelWithoutTimeFormat() {
        let run = CLIHarness.run(["replay", "Fixtures/exports/estonian-excel.csv", "--encoding", "cp1257"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("estonian-excel.csv:2: error: '02.03.2026 09:05' is not a time"))
        #expect(run.stderr.contains("it looks like --time-format 'dd.MM.yyyy HH:mm[:ss]'"))
    }

    @Test("a header split at the wrong delimiter says which delimiter was used")
    func wrongDelimiter() {
        let run = CLIHarness.run(["replay", "Fixtures/exports/zendesk.csv", "--delimiter", ";"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("no case id column"))
        #expect(run.stderr.contains("fields were split at ';', from --delimiter"))
    }

    @Test("--as-of case-end leaves the open relief moments of history snapshots open, and the gate refuses an empty input")
    func asOfAndEmptyGate() throws {
        let histories = CLIHarness.run(["replay", "Fixtures/histories/histories.jsonl"])
        #expect(histories.stdout.contains("12 never answered"))
        let snapshot = CLIHarness.run(["replay", "Fixtures/histories/histories.jsonl", "--as-of", "case-end"])
        #expect(snapshot.stdout.contains("as of each case's last event"))
        #expect(snapshot.stdout.contains("12 still open (due after --as-of)"))
        #expect(!snapshot.stdout.contains("never answered"))

        let empty = CLIHarness.run(["replay", "-", "--min-coverage", "50"], stdin: "")
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("--min-coverage cannot be judged: no customer message was replayed"))
        let bad = CLIHarness.run(["replay", "-", "--as-of", "yesterday"], stdin: "")
        #expect(bad.status == 64)
    }

    @Test("CSV-only options on JSON Lines are named as unused, not silently ignored")
    func columnsOnJSONLines() {
        let run = CLIHarness.run(["replay", "Fixtures/histories/histories.jsonl", "--columns", "case=ticket"])
        #expect(run.stderr.contains("histories.jsonl: read as JSON Lines, so --columns applies to CSV only and was not used"))
    }
}
