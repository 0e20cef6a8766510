import Foundation
import Testing
@testable import ReliefEngine

@Suite("Replay reporters")
struct ReplayReportingTests {
    func report(compare: Bool = false) throws -> (ReplayReport, [(CaseReplay, CaseReplay?)]) {
        let rules = try ReplayTestSupport.rules()
        let after = try ReplayTestSupport.rules(ReplayTestSupport.tinyRules.replacingOccurrences(of: #"when: "lawyer""#, with: #"when: "wedding""#))
        var report = ReplayReport(rules: rules, rulesSource: "tiny.json5", compare: compare ? (after, "after.json5") : nil)
        report.beginFile("tiny.jsonl", format: "jsonl")
        let before = try ReplayTestSupport.replays(rules: rules)
        let afterReplays = compare ? try ReplayTestSupport.replays(rules: after).map(Optional.some) : [nil, nil, nil]
        var pairs: [(CaseReplay, CaseReplay?)] = []
        for (b, a) in zip(before, afterReplays) {
            report.add(b, after: a)
            pairs.append((b, a))
        }
        report.skip(.init(file: "tiny.jsonl", line: 7, message: "unexpected end of input"))
        return (report, pairs)
    }

    @Test("JSON: the streamed document is valid, carries the documented fields, and sorts its keys")
    func json() throws {
        let (report, pairs) = try report()
        let text = ReplayJSON.document(report, cases: pairs)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let coverage = try #require(object["coverage"] as? [String: Any])
        #expect(coverage["percent"] as? Double == 50)
        let cells = try #require(coverage["cells"] as? [[String: Any]])
        #expect(cells.count == 24)
        let empathy = try #require(cells.first { $0["situation"] as? String == "crisis" && $0["expectation"] as? String == "empathy" })
        #expect(empathy["steps"] as? Int == 1 && empathy["covered"] as? Int == 0)
        for key in ["uncovered", "fallbacks", "usage", "outcomes", "reliefMoments", "summary", "input", "limits", "rules", "trajectories"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["compare"] is NSNull)
        let cases = try #require(object["cases"] as? [[String: Any]])
        #expect(cases.map { $0["caseId"] as? String } == ["A", "B", "C"])
        let b = cases[1]
        let trajectory = try #require(b["trajectory"] as? [[String: Any]])
        #expect(trajectory.map { $0["situation"] as? String } == ["unexpected", "crisis"])
        #expect(trajectory[1]["step"] as? Int == 2)
        #expect(trajectory[1]["at"] as? String == "2026-03-01T11:00:00Z")
        let peak = try #require(b["peak"] as? [String: Any])
        #expect(peak["step"] as? Int == 2 && peak["situation"] as? String == "crisis")
        let relief = try #require(b["reliefMoment"] as? [String: Any])
        #expect(relief["due"] as? String == "2026-03-01T11:15:00Z")
        #expect(relief["answeredAt"] as? String == "2026-03-01T11:10:00Z")
        #expect(relief["met"] as? Bool == true)
        let input = try #require(object["input"] as? [String: Any])
        #expect(input["skipped"] as? Int == 1)

        // Top-level keys appear in sorted order, "cases" first.
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.dropFirst(3).prefix { $0 != "\"" } }.map(String.init)
        #expect(keys == keys.sorted())
        #expect(keys.first == "cases")
    }

    @Test("JSON: each case entry is one line of canonical JSON (sorted keys, escaped strings) that reads back as written", arguments: [false, true])
    func caseTextIsCanonical(compare: Bool) throws {
        let (_, pairs) = try report(compare: compare)
        var all = pairs
        let rules = try #require(RulesLoader.load(DefaultRules.source).rules)
        let lines = try String(contentsOf: ReplayTestSupport.repository.appendingPathComponent("Fixtures/histories/histories.jsonl"), encoding: .utf8).split(separator: "\n")
        for line in lines { all.append((Replayer(rules: rules).replay(try ReplayTestSupport.decode(String(line))), nil)) }
        var odd = pairs[0].0
        odd.caseId = "quote \" backslash \\ tab \t é"
        odd.unknownWords = ["ünknown", "a\"b"]
        all.append((odd, compare ? odd : nil))
        for (before, after) in all {
            let text = ReplayJSON.caseText(before, after: after)
            #expect(!text.contains("\n"), "\(before.caseId)")
            let node = try JSONParser.parse(text)
            #expect(JSONWriter.write(node.json) == text, "\(before.caseId): written in JSONWriter's form, keys sorted")
            #expect(node["caseId"]?.stringValue == before.caseId)
            #expect(node["unknownWords"]?.arrayValue?.compactMap(\.stringValue) == before.unknownWords)
            #expect(node["events"]?.numberValue == Double(before.events))
            #expect((node["compare"]?.isNull ?? true) == (after == nil), "a comparison only with a second rules file")
        }
    }

    @Test("JSON: no cases is still a valid document")
    func jsonEmpty() throws {
        let report = ReplayReport(rules: try ReplayTestSupport.rules(), rulesSource: "tiny")
        let text = ReplayJSON.document(report, cases: [])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((object["cases"] as? [Any])?.isEmpty == true)
        #expect((object["coverage"] as? [String: Any])?["percent"] as? Double == 100)
    }

    @Test("JSON: with --compare each case says what the other rules made of it")
    func jsonCompare() throws {
        let (report, pairs) = try report(compare: true)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ReplayJSON.document(report, cases: pairs).utf8)) as? [String: Any])
        let compare = try #require(object["compare"] as? [String: Any])
        #expect(compare["differing"] as? Int == 1)
        let cases = try #require(compare["cases"] as? [[String: Any]])
        #expect(cases.first?["caseId"] as? String == "B")
        #expect((cases.first?["before"] as? [String: Any])?["leading"] as? String == "crisis")
        #expect((cases.first?["after"] as? [String: Any])?["leading"] as? String == "unexpected")
        let b = try #require((object["cases"] as? [[String: Any]])?[1]["compare"] as? [String: Any])
        #expect(b["differs"] as? [String] == ["leading", "peak", "responses"])
    }

    @Test("text: the summary comes first, then the gaps worst first")
    func text() throws {
        let (report, _) = try report()
        let text = ReplayText.render(report)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Replay of 3 cases: 4 steps (one per customer message), 8 events")
        let coverage = try #require(lines.firstIndex { $0.hasPrefix("Coverage: 50% of steps") })
        let relief = try #require(lines.firstIndex { $0.hasPrefix("Relief moments met: 1 of 2 (50%)") })
        let gaps = try #require(lines.firstIndex(of: "Gaps, worst first"))
        #expect(coverage < gaps && relief < gaps)
        #expect(lines[gaps + 1].contains("crisis × empathy") && lines[gaps + 1].contains("1 of 1 step uncovered"))
        #expect(lines[gaps + 2].contains("unexpected × consistency"))
        #expect(text.contains("Skipped: 1 line or row could not be read"))
        #expect(text.contains("never: wedding"))
        #expect(!text.contains("\u{1B}["))
        #expect(ReplayText.render(report, style: .ansi).contains("\u{1B}["))
    }

    @Test("Markdown: the coverage matrix as a table, the gaps and the comparison")
    func markdown() throws {
        let (report, _) = try report(compare: true)
        let md = ReplayMarkdown.render(report)
        #expect(md.hasPrefix("## Replay: 3 cases, 4 steps"))
        #expect(md.contains("| | trust | personalization | simplicity | empathy | consistency | recovery |"))
        #expect(md.contains("| **crisis** | 100% (1/1) | — | — | 0% (0/1) | — | — |"))
        #expect(md.contains("| crisis × empathy | 1 of 1 | 0% | B step 2 |"))
        #expect(md.contains("1 of 3 cases differ"))
        #expect(md.contains("| `B` | leading crisis → unexpected;"))
    }

    @Test("text, Markdown and HTML: targets as durations, times to the minute in the reader's zone; UTC by default")
    func peopleTime() throws {
        let (report, pairs) = try report()
        let tallinn = TimeZone(identifier: "Europe/Tallinn")!
        // A's everyday peak at 09:00Z with a one-day target is due 2026-03-02T09:00Z: 11:00 in Tallinn.
        let text = ReplayText.render(report, zone: tallinn)
        #expect(text.contains("\n  A  everyday peak at step 1, due 2026-03-02 11:00 +02:00, never answered\n"), "\(text)")
        #expect(text.contains("\n  crisis        15 min "))
        #expect(text.contains("\n  everyday         1 d "))
        #expect(!text.contains("PT15M") && !text.contains("P1D"))
        #expect(ReplayText.render(report).contains("due 2026-03-02 09:00 UTC, never answered"))

        let md = ReplayMarkdown.render(report, zone: tallinn)
        #expect(md.contains("- `A`: everyday peak at step 1, due 2026-03-02 11:00 +02:00, never answered\n"), "\(md)")
        #expect(md.contains("| crisis | 15 min | 1 of 1 (100%) |"))
        #expect(!md.contains("PT15M"))

        // B's second message came at 11:00Z and was answered ten minutes later.
        let row = ReplayHTML.caseRow(pairs[1].0, zone: tallinn)
        #expect(row.contains("step 2 at 2026-03-01 13:00 +02:00"), "\(row)")
        #expect(row.contains(">in 10 min<"))
        let page = ReplayHTML.render(report, caseRows: [row], zone: tallinn)
        #expect(page.contains("<td>2026-03-02 11:00 +02:00</td>"))
        #expect(page.contains("<td class=\"num\">15 min</td>"))
    }

    @Test("HTML: one self-contained page with the heat map, counts, gaps and trajectories, and escaped text")
    func html() throws {
        let (report, pairs) = try report()
        var odd = pairs[0].0
        odd.caseId = "<b>&"
        let page = ReplayHTML.render(report, caseRows: pairs.map { ReplayHTML.caseRow($0.0) } + [ReplayHTML.caseRow(odd)])
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("<link"))
        #expect(page.contains("Coverage heat map"))
        #expect(page.contains("background:hsl(0,70%,80%)"))
        #expect(page.contains("background:hsl(120,70%,80%)"))
        #expect(page.contains("Worst gaps"))
        #expect(page.contains("&lt;b&gt;&amp;"))
        #expect(!page.contains("<b>&<"))
        #expect(page.contains("chip crisis peak"))
    }
}
