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

    @Test("read with only its fields, a log sums up as it does read whole")
    func fieldsSuffice() throws {
        var whole = AuditSummary(), pruned = AuditSummary()
        for line in try Self.lines() {
            let full = try JSONParser.parse(line)
            let kept = try Array(line.utf8).withUnsafeBytes { raw throws(JSONSyntaxError) in try JSONParser.parse(bytes: raw, keeping: AuditSummary.fields) }
            #expect(AuditEntry.isEntry(kept))
            whole.add(full)
            pruned.add(kept)
        }
        #expect(pruned == whole)
        #expect(whole.decisions == 59)
        #expect(whole.recoveries == 1)
        #expect(whole.overrideCount == 15)
        #expect(whole.shadow.decisions == 9)
        #expect(whole.participation["signal delay"]?.decisions == 59)
        #expect(whole.byRulesVersion["relief-default 2"] == 21)
    }
}
