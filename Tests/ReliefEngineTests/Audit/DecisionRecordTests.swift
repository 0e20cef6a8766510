import Foundation
import Testing
@testable import ReliefEngine

/// The stream records decisions through a body written member by member. It must be exactly
/// the body the dictionary form describes, or entries written by `--stream` and by a single
/// `triage` would differ, and `audit show` would read them differently.
@Suite("Decision records in the audit log")
struct DecisionRecordTests {
    func records() throws -> [DecisionRecord] {
        var result: [DecisionRecord] = []
        for (name, decision) in try DecisionJSONTests.fixtureDecisions() {
            result.append(DecisionRecord(
                time: MiniRules.date("2026-03-01T09:00:00Z"), recordedAt: MiniRules.date("2026-03-01T09:00:01.5Z"), actor: "mari \"lead\"", command: "triage --stream",
                caseDigest: String(repeating: "a", count: 64), rulesDigest: String(repeating: "b", count: 64),
                text: name.hasSuffix("overridden") ? "Write to mari@example.com or call +372 5123 4567.\nThanks" : nil,
                decision: decision))
        }
        return result
    }

    @Test("the member-by-member body equals the dictionary body, for every fixture decision, with override and text")
    func serializedMatchesBody() throws {
        let records = try records()
        #expect(records.count > 100)
        for record in records {
            #expect(record.serialized == (try AuditBody(record.body)), "\(record.decision.caseId)")
        }
    }

    @Test("customer text and evidence are masked in the serialised body too")
    func masked() throws {
        let record = try #require(try records().first { $0.text != nil })
        var line: [UInt8] = []
        _ = AuditEntry.sealed(seq: 1, prev: AuditEntry.firstPrev, body: record.serialized, line: &line)
        let text = String(decoding: line, as: UTF8.self)
        #expect(!text.contains("mari@example.com"))
        #expect(!text.contains("5123 4567"))
    }
}
