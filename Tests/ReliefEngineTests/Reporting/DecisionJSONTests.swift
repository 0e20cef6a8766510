import Foundation
import Testing
@testable import ReliefEngine

/// A decision is written one way: straight to bytes, on one line, keys in order. `--stream`
/// prints those bytes and `--json` indents them; scripts build on the fields.
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

    func written(_ d: Decision, fragments: DecisionJSON.Fragments? = nil) -> [UInt8] {
        var bytes: [UInt8] = []
        DecisionJSON.write(d, into: &bytes, fragments: fragments)
        return bytes
    }

    @Test("every fixture decision, plain and with explanation and override, is one line of canonical JSON with its fields; the rules' written JSON gives the same bytes")
    func canonicalWithFields() throws {
        let decisions = try Self.fixtureDecisions()
        #expect(decisions.count > 100)
        let fragments = DecisionJSON.Fragments(try DefaultRulesSupport.classifier())
        for (name, d) in decisions {
            let bytes = written(d)
            #expect(written(d, fragments: fragments) == bytes, "\(name), from the rules' written JSON")
            #expect(!bytes.contains(0x0A), "\(name)")
            let node = try JSONParser.parse(bytes)
            #expect(Array(JSONWriter.write(node.json).utf8) == bytes, "\(name): keys sorted, in JSONWriter's form")
            #expect(node["caseId"]?.stringValue == d.caseId)
            #expect(node["situation"]?.stringValue == d.situation.rawValue)
            #expect(node["fallback"]?.value == .bool(d.fallback))
            #expect(node["expectations"]?.arrayValue?.compactMap(\.stringValue) == d.expectations.map(\.rawValue))
            #expect(node["signals"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == d.signals.map(\.id))
            let responses = node["responses"]?.arrayValue ?? []
            #expect(responses.compactMap { $0["id"]?.stringValue } == d.responses.map(\.id), "\(name)")
            #expect(responses.compactMap { $0["say"]?.stringValue } == d.responses.map(\.say), "\(name)")
            #expect(responses.compactMap { $0["do"]?.arrayValue?.compactMap(\.stringValue) } == d.responses.map(\.actions), "\(name)")
            #expect(node["override"]?["reason"]?.stringValue == d.override?.reason, "\(name)")
            #expect((node["explain"] != nil) == (d.explanation != nil), "\(name)")
        }
    }

    @Test("--json indents the same decision: read back, it is the one-line form's value")
    func prettyIsTheSameValue() throws {
        for (name, d) in try Self.fixtureDecisions().prefix(12) {
            let pretty = DecisionJSON.pretty(d)
            #expect(pretty.contains("\n  \"caseId\": "), "\(name)")
            #expect(JSONWriter.write(try JSONParser.parse(pretty).json) == String(decoding: written(d), as: UTF8.self), "\(name)")
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
            let cached = written(decision, fragments: fragments)
            #expect(cached == written(decision), "\(field): the same bytes as writing every field")
            #expect(cached != written(original), "\(field)")
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
        let cached = written(decision, fragments: DecisionJSON.Fragments(try DefaultRulesSupport.classifier()))
        #expect(cached == written(decision), "\(name)")
        #expect(cached != written(original), "\(name)")
    }
}
