import Foundation
import Testing
@testable import ReliefEngine

/// Every case in Fixtures/cases carries the situation a support lead chose for it, written
/// before the engine ran. The default rules must agree with every one.
@Suite("Fixture cases under the default rules")
struct FixtureCaseTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cases")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test("there are at least 40 fixture cases, about half Estonian, covering all four situations")
    func inventory() throws {
        let files = Self.files
        #expect(files.count >= 40)
        let estonian = files.filter { $0.hasPrefix("et-") }.count
        #expect(estonian >= files.count / 3 && estonian <= files.count * 2 / 3)
        var situations = Set<String>()
        for file in files {
            let node = try JSONParser.parse(Array(try Data(contentsOf: Self.directory.appendingPathComponent(file))))
            if let s = node["expected"]?["situation"]?.stringValue { situations.insert(s) }
        }
        #expect(situations == Set(Situation.allCases.map(\.rawValue)))
    }

    @Test("each fixture case lands in the situation a support lead chose", arguments: files)
    func classify(file: String) throws {
        let rules = try #require(RulesLoader.load(DefaultRules.source).rules)
        let node = try JSONParser.parse(Array(try Data(contentsOf: Self.directory.appendingPathComponent(file))))
        let supportCase = try CaseDecoder.decode(node)
        let expected = try #require(node["expected"]?["situation"]?.stringValue)
        // History facts are judged as of the case's last event, as the fixtures were written.
        let decision = Classifier(rules: rules).classify(supportCase, now: supportCase.lastEventTime)
        let why = decision.situations.map { "\($0.situation.rawValue) ← \($0.rules.map(\.id))" } + decision.signals.map { "\($0.id): \($0.evidence.map(\.matched))" }
        #expect(decision.situation.rawValue == expected, "\(file): \(node["expected"]?["why"]?.stringValue ?? ""); got \(why)")
        if let also = node["expected"]?["alsoMatched"]?.arrayValue {
            for s in also.compactMap(\.stringValue) {
                #expect(decision.situations.contains { $0.situation.rawValue == s }, "\(file): expected \(s) to match too")
            }
        }
    }
}
