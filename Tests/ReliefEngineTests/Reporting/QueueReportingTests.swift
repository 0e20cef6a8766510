import Foundation
import Testing
@testable import ReliefEngine

@Suite("Desk reporters")
struct QueueReportingTests {
    static func report() throws -> QueueReport { try QueueFixtureTests.report(at: "2026-03-10T13:30:00Z") }

    @Test("text: a summary, a header and one whole, aligned line per case when not fitted to a screen")
    func textWhole() throws {
        let report = try Self.report()
        let text = QueueText.render(report)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Queue at 2026-03-10T13:30:00Z: 32 open cases, 18 overdue")
        #expect(lines[1] == "rules: relief-default 2026.12.65")
        let header = try #require(lines.first { $0.hasPrefix("case ") })
        for column in ["situation", "reason", "owner", "due", "next"] { #expect(header.contains(column)) }
        let first = try #require(lines.first { $0.hasPrefix("Q-33") })
        #expect(first.contains("unexpected ↑ crisis") && first.contains("promise overdue 21 h 30 min"))
        #expect(first.contains("crisis-legal: legal-threat"))
        // Columns line up: every case line has its situation where the header has it.
        let situationColumn = header.range(of: "situation")!.lowerBound.utf16Offset(in: header)
        for line in lines where line.hasPrefix("Q-") {
            #expect(String(line.utf16.dropFirst(situationColumn - 2).prefix(2)) == "  ", "\(line)")
        }
        #expect(!text.contains("…") && !text.contains("\u{1B}"))
    }

    @Test("text fitted to a screen: no line is wider, the reason and the next action are cut with '…'", arguments: [120, 100, 80, 60])
    func textFitted(width: Int) throws {
        let text = QueueText.render(try Self.report(), width: width)
        for line in text.split(separator: "\n") where line.hasPrefix("Q-") || line.hasPrefix("case") {
            #expect(line.count <= width, "\(line.count) > \(width): \(line)")
            #expect(line.contains("overdue") || line.contains("due in") || line.contains("–") || line.hasPrefix("case"))
        }
        if width >= 80 { #expect(text.contains("…")) }
    }

    @Test("text on a narrow screen drops the next action, never the due time")
    func narrow() throws {
        let text = QueueText.render(try Self.report(), width: 60)
        let header = try #require(text.split(separator: "\n").first { $0.hasPrefix("case") })
        #expect(!header.contains("next"))
        #expect(header.contains("due") && header.contains("situation") && header.contains("case"))
        let first = try #require(text.split(separator: "\n").first { $0.hasPrefix("Q-33") })
        #expect(first.hasPrefix("Q-33  unexpected ↑ crisis") && first.hasSuffix("promise overdue 21 h 30 min"))
    }

    @Test("text in colour: situations coloured, what is overdue in red; plain text has no escapes")
    func colour() throws {
        let text = QueueText.render(try Self.report(), style: .ansi)
        #expect(text.contains("\u{1B}[31mpromise overdue 21 h 30 min\u{1B}[0m"))
        #expect(text.contains("\u{1B}[1;31munexpected ↑ crisis"))
        #expect(!QueueText.render(try Self.report(), style: .plain).contains("\u{1B}"))
    }

    @Test("screen widths count characters: Estonian letters, arrows and dashes take one column, a combining mark none")
    func widths() {
        #expect(QueueText.Cell("Q-1").width == 3)
        #expect(QueueText.Cell("everyday ↑ unexpected").width == 21)
        #expect(QueueText.Cell("Lõpeta õigus–äri").width == 16)
        #expect(QueueText.Cell("Lo\u{0303}peta").width == 6, "o with a combining tilde")
        #expect(QueueText.Cell("täna on ilus päev").cut(to: 8) == "täna on…")
    }

    @Test("a case id with control characters is shown escaped, not obeyed")
    func escapes() throws {
        let rules = try MiniRules.load()
        var report = QueueReport(now: QueueOrderTests.now, rules: rules)
        report.add(QueueOrderTests.item("X\u{1B}[2J", .crisis, due: 5))
        #expect(QueueText.render(report).contains("X\\u{1B}[2J"))
    }

    @Test("an empty desk says so, with or without a filter")
    func empty() throws {
        let rules = try MiniRules.load()
        #expect(QueueText.render(QueueReport(now: QueueOrderTests.now, rules: rules)).contains("No open cases."))
        var filtered = QueueReport(now: QueueOrderTests.now, rules: rules, filter: .init(situation: .crisis))
        filtered.add(QueueOrderTests.item("e", .everyday, due: 5))
        let text = QueueText.render(filtered)
        #expect(text.contains("0 of 1 open case (crisis), 0 overdue") && text.contains("No open case matches the filter."))
    }

    @Test("JSON: each case is one line of canonical JSON that reads back as written; the document reads back with sorted keys")
    func json() throws {
        let report = try Self.report()
        for item in report.items {
            let text = QueueJSON.caseText(item, now: report.now)
            #expect(JSONWriter.write(try JSONParser.parse(text).json) == text, "\(item.caseId)")
        }
        let text = QueueJSON.render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let cases = try #require(object["cases"] as? [[String: Any]])
        #expect(cases.map { $0["caseId"] as? String } == report.items.map(\.caseId))
        let first = cases[0]
        #expect(first["situation"] as? String == "crisis" && first["openedAs"] as? String == "unexpected" && first["rose"] as? Bool == true)
        let due = try #require(first["due"] as? [String: Any])
        #expect(due["kind"] as? String == "promise" && due["overdue"] as? Bool == true)
        #expect(due["secondsLeft"] as? Int == -(21 * 3600 + 30 * 60))
        #expect(due["text"] as? String == "promise overdue 21 h 30 min" && due["what"] as? String == "meistri visiit")
        for key in ["fallback", "language", "next", "owner", "ownerName", "reason", "responseId", "rule", "signals", "waitingSince"] {
            #expect(first[key] != nil, "missing \(key)")
        }
        let counts = try #require(object["counts"] as? [String: Any])
        #expect(counts["open"] as? Int == 32 && counts["overdue"] as? Int == 18 && counts["shown"] as? Int == 32)
        #expect(object["now"] as? String == "2026-03-10T13:30:00Z")
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.dropFirst(3).prefix { $0 != "\"" } }.map(String.init)
        #expect(keys == ["cases", "counts", "filter", "now", "rules"])
    }

    @Test("Markdown: a table, one row per case, overdue in bold")
    func markdown() throws {
        let text = QueueMarkdown.render(try Self.report())
        #expect(text.hasPrefix("## Queue at 2026-03-10T13:30:00Z: 32 open cases, 18 overdue"))
        #expect(text.contains("| # | case | situation | reason | owner | due | next |"))
        #expect(text.contains("| 1 | `Q-33` | unexpected ↑ crisis | crisis-legal: legal-threat |"))
        #expect(text.contains("**promise overdue 21 h 30 min**"))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| #") }.count == 32)
    }
}
