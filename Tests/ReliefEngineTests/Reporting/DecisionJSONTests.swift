import Foundation
import Testing
@testable import ReliefEngine

/// `--stream` prints decisions through a writer that skips the JSON tree. Scripts rely on the
/// bytes being the same as `--json`'s compact form, so the two must never drift apart.
@Suite("Decision JSON written straight to bytes")
struct DecisionJSONTests {
    static func fixtureDecisions() throws -> [(String, Decision)] {
        let classifier = try DefaultRulesSupport.classifier()
        var result: [(String, Decision)] = []
        for file in FixtureCaseTests.files {
            let c = try DefaultRulesSupport.fixtureCase(file)
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
        let fragments = DecisionJSON.Fragments(try DefaultRulesSupport.classifier())
        for (name, decision) in decisions {
            let tree = JSONWriter.write(DecisionJSON.json(decision))
            var bytes: [UInt8] = [], copied: [UInt8] = []
            DecisionJSON.write(decision, into: &bytes)
            DecisionJSON.write(decision, into: &copied, fragments: fragments)
            #expect(String(decoding: bytes, as: UTF8.self) == tree, "\(name)")
            #expect(String(decoding: copied, as: UTF8.self) == tree, "\(name), from the rules' written JSON")
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

    @Test("a response changed after classification is written as changed, not from the rules' cached JSON")
    func changedResponseIsWrittenFresh() throws {
        let decisions = try Self.fixtureDecisions()
        let fragments = DecisionJSON.Fragments(try DefaultRulesSupport.classifier())
        let (_, original) = try #require(decisions.first { !$0.1.responses.isEmpty })
        let edits: [(String, (inout ChosenResponse) -> Void)] = [
            ("say", { $0.say = "Vabandust, \"uus\" tekst" }),
            ("tone", { $0.tone = "calm" }),
            ("do", { $0.actions.append("Call back") }),
            ("id", { $0.id = "edited" }),
            ("owner", { $0.owner = "lead" }),
            ("ownerName", { $0.ownerName = "Team lead" }),
            ("within", { $0.within = ISODuration.parse("P2D")! }),
        ]
        for (field, edit) in edits {
            var decision = original
            edit(&decision.responses[0])
            var bytes: [UInt8] = []
            DecisionJSON.write(decision, into: &bytes, fragments: fragments)
            let written = String(decoding: bytes, as: UTF8.self)
            #expect(written == JSONWriter.write(DecisionJSON.json(decision)), "\(field)")
            #expect(written != JSONWriter.write(DecisionJSON.json(original)), "\(field)")
        }
    }

    @Test("a response text replaced by the same words in another Unicode form is printed in its new bytes")
    func respellingIsWrittenFresh() throws {
        let decisions = try Self.fixtureDecisions()
        let (name, original) = try #require(decisions.first { d in
            d.1.responses.first.map { $0.say.decomposedStringWithCanonicalMapping.utf8.count != $0.say.utf8.count } ?? false
        })
        var decision = original
        decision.responses[0].say = original.responses[0].say.decomposedStringWithCanonicalMapping
        #expect(decision.responses[0].say == original.responses[0].say)   // equal as Swift strings
        var bytes: [UInt8] = []
        DecisionJSON.write(decision, into: &bytes, fragments: DecisionJSON.Fragments(try DefaultRulesSupport.classifier()))
        let written = String(decoding: bytes, as: UTF8.self)
        #expect(Array(written.utf8) == Array(JSONWriter.write(DecisionJSON.json(decision)).utf8), "\(name)")
        #expect(Array(written.utf8) != Array(JSONWriter.write(DecisionJSON.json(original)).utf8), "\(name)")
    }
}
