import Foundation
import Testing
@testable import ReliefEngine

/// `--stream` prints decisions through a writer that skips the JSON tree. Scripts rely on the
/// bytes being the same as `--json`'s compact form, so the two must never drift apart.
@Suite("Decision JSON written straight to bytes")
struct DecisionJSONTests {
    static func fixtureDecisions() throws -> [(String, Decision)] {
        let rules = try #require(RulesLoader.load(DefaultRules.source).rules)
        let classifier = Classifier(rules: rules)
        var result: [(String, Decision)] = []
        for file in FixtureCaseTests.files {
            let c = try CaseDecoder.decode(try JSONParser.parse(Array(try Data(contentsOf: FixtureCaseTests.directory.appendingPathComponent(file)))))
            result.append((file, classifier.classify(c, now: c.lastEventTime)))
            result.append((file + " explained, overridden", classifier.classify(c, now: c.lastEventTime, explain: true, override: (.crisis, "Lead said \"crisis\"\n"))))
        }
        // No opening time, no responses, no signals: nulls and empty arrays.
        result.append(("bare", classifier.classify(SupportCase(id: "B-1"), now: nil)))
        return result
    }

    @Test("every fixture decision, plain and with explanation and override, is byte for byte the tree form")
    func sameBytesAsTree() throws {
        let decisions = try Self.fixtureDecisions()
        #expect(decisions.count > 100)
        for (name, decision) in decisions {
            var bytes: [UInt8] = []
            DecisionJSON.write(decision, into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == JSONWriter.write(DecisionJSON.json(decision)), "\(name)")
        }
    }

    @Test("the written decision reads back as JSON with the contract's fields")
    func readsBack() throws {
        let (_, decision) = try #require(Self.fixtureDecisions().first)
        var bytes: [UInt8] = []
        DecisionJSON.write(decision, into: &bytes)
        let node = try JSONParser.parse(bytes)
        #expect(node["caseId"]?.stringValue == decision.caseId)
        #expect(node["situation"]?.stringValue == decision.situation.rawValue)
        #expect(node["responses"]?.arrayValue?.count == decision.responses.count)
    }
}
