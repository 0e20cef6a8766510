import Foundation
import Testing
@testable import ReliefEngine

/// Fixtures/queue holds open cases and, written by hand before the code, the order and due
/// times a support lead expects at three moments. The desk must agree with every line.
@Suite("The desk on the fixture of open cases")
struct QueueFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/queue")

    static func cases() throws -> [SupportCase] {
        let text = try String(contentsOf: directory.appendingPathComponent("open-cases.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { try CaseDecoder.decode(try JSONParser.parse(String($0))) }
    }

    /// The expected rows: rank, case, situation, due.
    static func expected(_ file: String) throws -> [[String]] {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    static func report(at now: String) throws -> QueueReport {
        let rules = try #require(RulesLoader.load(DefaultRules.source).rules)
        let triage = QueueTriage(rules: rules)
        let moment = try #require(ISO8601.parseTimestamp(now))
        var report = QueueReport(now: moment, rules: rules)
        for (i, c) in try cases().enumerated() {
            if let assessed = triage.assess(c, now: moment, index: i) { report.add(assessed.item) }
        }
        report.sort(precedence: rules.precedence)
        return report
    }

    @Test("the fixture: at least 30 cases, English and Estonian, every situation, promises")
    func inventory() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 30)
        #expect(cases.filter { $0.customer.language == "et" }.count >= 10)
        #expect(cases.contains { $0.events.contains { if case .message(_, _, _, let p) = $0.kind { return p != nil } else { return false } } })
        let situations = Set(try Self.expected("expected-2026-03-10T1330Z.tsv").map { $0[2].components(separatedBy: " ↑ ").last! })
        #expect(situations == Set(Situation.allCases.map(\.rawValue)))
    }

    @Test("each line says what the full decision at that moment says: situation, reason, first response", arguments: ["2026-03-10T09:00:00Z", "2026-03-10T13:30:00Z", "2026-03-11T09:00:00Z"])
    func agreesWithDecision(now: String) throws {
        let rules = try #require(RulesLoader.load(DefaultRules.source).rules)
        let triage = QueueTriage(rules: rules)
        let moment = try #require(ISO8601.parseTimestamp(now))
        for c in try Self.cases() {
            guard let item = triage.assess(c, now: moment)?.item else { continue }
            var known = c
            known.events = c.events.filter { ($0.at ?? moment) <= moment }
            let decision = triage.classifier.classify(known, now: moment)
            #expect(item.situation == decision.situation, "\(c.id)")
            #expect(item.rule == decision.situations.first?.rules.first?.id && item.signals == decision.situations.first?.rules.first?.signals ?? [], "\(c.id)")
            #expect(item.responseId == decision.responses.first?.id && item.next == decision.responses.first?.actions.first, "\(c.id)")
            #expect(item.ownerName == decision.responses.first?.ownerName && item.language == decision.language, "\(c.id)")
        }
    }

    @Test("order, situation and due time are what the lead wrote down", arguments: [
        ("2026-03-10T09:00:00Z", "expected-2026-03-10T0900Z.tsv"),
        ("2026-03-10T13:30:00Z", "expected-2026-03-10T1330Z.tsv"),
        ("2026-03-11T09:00:00Z", "expected-2026-03-11T0900Z.tsv"),
    ])
    func matchesTheLead(now: String, file: String) throws {
        let report = try Self.report(at: now)
        let expected = try Self.expected(file)
        let got = report.items.enumerated().map { n, item in
            [String(n + 1), item.caseId, item.situationText, item.deadline?.phrase(now: report.now) ?? "–"]
        }
        for (want, have) in zip(expected, got) where want != have {
            Issue.record("\(file): expected \(want.joined(separator: " | ")), got \(have.joined(separator: " | "))")
        }
        #expect(got.count == expected.count, "\(file): \(got.count) cases shown, \(expected.count) expected")
        #expect(report.open == expected.count)
    }
}
