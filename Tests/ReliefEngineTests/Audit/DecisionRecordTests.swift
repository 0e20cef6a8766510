import Foundation
import Testing
@testable import ReliefEngine

/// What an audit entry keeps of a decision, read back from the sealed line as `audit show` and
/// `audit stats` read it.
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

    func entry(_ record: DecisionRecord) throws -> AuditEntry {
        var line: [UInt8] = []
        _ = AuditEntry.sealed(seq: 1, prev: AuditEntry.firstPrev, body: record.serialized, line: &line)
        return try #require(AuditEntry(line: String(decoding: line, as: UTF8.self)))
    }

    @Test("an entry names who, when, which rules and input, and what was decided, for every fixture decision")
    func fields() throws {
        let records = try records()
        #expect(records.count > 100)
        for record in records {
            let body = try entry(record).body
            let d = record.decision
            let name = d.caseId
            #expect(body["actor"] == .string("mari \"lead\""), "\(name)")
            #expect(body["command"] == .string("triage --stream"))
            #expect(body["time"] == .string("2026-03-01T09:00:00Z"))
            #expect(body["recordedAt"] == .string(ISO8601.format(record.recordedAt)))
            #expect(ISO8601.format(record.recordedAt).hasPrefix("2026-03-01T09:00:01"), "the wall-clock time, not --now")
            #expect(body["caseId"] == .string(d.caseId))
            #expect(body["caseDigest"] == .string(String(repeating: "a", count: 64)))
            #expect(body["rules"] == .object(["name": .string(d.rulesName), "version": .string(d.rulesVersion), "digest": .string(String(repeating: "b", count: 64))]))
            #expect(body["situation"] == .string(d.situation.rawValue), "\(name)")
            #expect(body["situations"] == .array(d.situations.map { .string($0.situation.rawValue) }), "\(name)")
            #expect(body["situationRules"] == .array(d.situations.flatMap { $0.rules.map { .string($0.id) } }), "\(name)")
            #expect(body["fallback"] == .bool(d.fallback))
            #expect(body["expectations"] == .array(d.expectations.map { .string($0.rawValue) }), "\(name)")
            #expect(body["responses"] == .array(d.responses.map { .string($0.id) }), "\(name)")
            #expect(body["signals"] == .array(d.signals.map { signal in
                .object(["id": .string(signal.id), "terms": .array(signal.evidence.map { .string(PersonalDataMasker.mask($0.matched)) })])
            }), "\(name)")
            if let o = d.override {
                #expect(body["override"] == .object([
                    "situation": .string(d.situation.rawValue), "engineSituation": .string(o.engineSituation.rawValue),
                    "reason": .string(PersonalDataMasker.mask(o.reason)),
                ]), "\(name)")
            } else {
                #expect(body["override"] == nil)
            }
            #expect(body["text"] == record.text.map { .string(PersonalDataMasker.mask($0)) }, "\(name)")
            #expect(body["previousSituation"] == nil && body["shadow"] == nil && body["chain"] == nil)
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
