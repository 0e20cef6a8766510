import Testing
@testable import ReliefEngine

@Suite("Audit summary")
struct AuditSummaryTests {
    /// Entries with everything a summary counts, and the evidence and playbook it does not.
    static func lines() throws -> [String] {
        var chain = AuditChain()
        var bytes: [UInt8] = []
        let bodies: [[String: JSON]] = (1...60).map { i in
            if i == 30 { return ["recovery": .object(["line": .int(12)]), "actor": .string("relief")] }
            var body: [String: JSON] = [
                "caseId": .string("C-\(i)"), "situation": .string(i % 3 == 0 ? "crisis" : "unexpected"),
                "actor": .string(i % 2 == 0 ? "mari" : "jaan"), "fallback": .bool(i % 5 == 0),
                "rules": .object(["name": .string("relief-default"), "version": .string(i < 40 ? "1" : "2"), "digest": .string("x")]),
                "signals": .array([
                    .object(["id": .string("fraud"), "evidence": .array([.object(["term": .string("pettus"), "matched": .string("pettus")])])]),
                    .object(["evidence": .array([]), "id": .string("delay")]),
                ]),
                "situationRules": .array([.string("crisis-fraud")]),
                "responses": .array([.object(["id": .string("r1"), "say": .string("Vabandame. Täname kannatlikkuse eest.")])]),
            ]
            if i % 4 == 0 {
                body["override"] = .object(["situation": .string("elevated"), "engineSituation": .string("crisis"), "reason": .string("known customer \(i)")])
            }
            if i % 6 == 0 {
                body["shadow"] = .object(["situation": .string("elevated"), "rules": .object(["name": .string("next"), "version": .string("3")]), "signals": .array([])])
            }
            return body
        }
        _ = try chain.seal(bodies, into: &bytes)
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func summary(_ lines: [String]) -> (AuditSummary, [Bool]) {
        var summary = AuditSummary()
        let counted = lines.map { line in Array(line.utf8).withUnsafeBytes { summary.add(line: $0) } }
        return (summary, counted)
    }

    @Test("a log sums up by situation, rules version, actor, fallbacks, signals and rules, overrides and shadow")
    func counts() throws {
        let (summary, counted) = Self.summary(try Self.lines())
        #expect(counted.allSatisfy { $0 })
        #expect(summary.decisions == 59)
        #expect(summary.recoveries == 1)
        #expect(summary.bySituation == ["crisis": 19, "unexpected": 40])
        #expect(summary.byRulesVersion == ["relief-default 1": 38, "relief-default 2": 21])
        #expect(summary.byActor == ["mari": 29, "jaan": 30])
        #expect(summary.fallbacks == 11)
        #expect(summary.overrideCount == 15)
        #expect(summary.overrides.first == .init(seq: 4, caseId: "C-4", actor: "mari", from: "crisis", to: "elevated", reason: "known customer 4"))
        #expect(summary.participation["signal fraud"] == .init(decisions: 59, overriddenTo: ["elevated": 15]))
        #expect(summary.participation["rule crisis-fraud"]?.decisions == 59)
        #expect(summary.participation.keys.sorted() == ["rule crisis-fraud", "signal delay", "signal fraud"])
        // Shadow on every sixth entry but the recovery (30): 9. It says elevated; the engine said
        // crisis on multiples of 3, so all 9 differ; those overridden (12, 24, 36, 48, 60) side with it.
        #expect(summary.shadow.decisions == 9)
        #expect(summary.shadow.agreed == 0)
        #expect(summary.shadow.differences == ["crisis → elevated": 9])
        #expect(summary.shadow.overriddenSidedWithShadow == 5)
        #expect(summary.shadow.rules == ["next 3": 9])
    }

    @Test("the first of a repeated member counts, and a member of the wrong kind counts as missing")
    func repeatedAndMistyped() throws {
        let hash = String(repeating: "a", count: 64), prev = String(repeating: "0", count: 64)
        let line = #"{"seq":1,"prev":"\#(prev)","hash":"\#(hash)","situation":"crisis","situation":"everyday","actor":7,"rules":{"name":"r","version":"1","name":"x"},"signals":[{"id":"a","id":"b"},"loose",{"terms":["t"]}],"situationRules":["x",3]}"#
        let (summary, counted) = Self.summary([line])
        #expect(counted == [true])
        #expect(summary.bySituation == ["crisis": 1])
        #expect(summary.byActor == ["unknown": 1])
        #expect(summary.byRulesVersion == ["r 1": 1])
        #expect(summary.participation.keys.sorted() == ["rule x", "signal a"])
    }

    @Test("a line that is not an entry counts nothing", arguments: [
        #"{"seq":1,"prev":"00","hash":"aa"}"#, #"{"seq":0,"prev":"\#(String(repeating: "0", count: 64))","hash":"\#(String(repeating: "a", count: 64))"}"#,
        "[1, 2]", #"{"seq":1,"#, "",
        #"{"seq":1,"prev":"\#(String(repeating: "0", count: 64))","hash":"\#(String(repeating: "a", count: 64))","signals":[1,,2]}"#,
    ])
    func notAnEntry(_ line: String) {
        let (summary, counted) = Self.summary([line])
        #expect(counted == [false])
        #expect(summary == AuditSummary())
    }
}
