import Foundation
import Testing
import ReliefEngine  // not @testable: only what the engine promises its callers

/// The engine's promise, through its public API alone: values in, values out; no files, no
/// clock. A case is triaged as of a given time, its decision sealed into an audit chain in
/// memory and that chain verified, with every date passed in. The same values give the same
/// bytes, so nothing in them came from a clock.
@Suite("The engine: values in, values out; no files, no clock")
struct EnginePromiseTests {
    static let now = Date(timeIntervalSince1970: 1_772_355_600)  // 2026-03-01T09:00:00Z
    static let key = Array("a key of sixteen bytes or more".utf8)

    /// Triages one message and seals its decision after a chain of `head` entries.
    static func triageAndSeal(key: [UInt8]? = nil) throws -> (decision: Decision, bytes: [UInt8]) {
        let rules = try #require(RulesLoader.load(DefaultRules.source).rules)
        let classifier = Classifier(rules: rules)
        let supportCase = SupportCase.quick(id: "T-1", text: "My card was stolen and someone took money from my account", openedAt: now)
        let decision = classifier.classify(supportCase, now: now)
        var record = DecisionRecord(
            time: now, recordedAt: now.addingTimeInterval(2), actor: "mari", command: "triage --text",
            caseDigest: SHA256.hexDigest("My card was stolen"), rulesDigest: SHA256.hexDigest(DefaultRules.source),
            text: nil, decision: decision)
        record.keyed = key != nil
        var chain = AuditChain(key: key)
        var bytes: [UInt8] = []
        try chain.seal([record.serialized, record.serialized], into: &bytes)
        return (decision, bytes)
    }

    @Test("a triaged case's decision, sealed in memory, verifies, reads back, and is the same bytes every time")
    func triageSealVerify() throws {
        let (decision, bytes) = try Self.triageAndSeal()
        #expect(decision.situation == .crisis)

        let report = AuditVerifier.verify(bytes: bytes)
        #expect(report.isIntact)
        #expect(report.verifiedEntries == 2)
        #expect(report.movedAsideTornLines == 0 && report.path.isEmpty, "no file was looked at")

        let firstLine = Array(bytes.prefix(through: try #require(bytes.firstIndex(of: 0x0A))).dropLast())
        let entry = try #require(AuditTail.entry(firstLine))
        #expect(entry.seq == 1 && entry.prev == AuditEntry.firstPrev)
        #expect(entry.body["situation"] == .string(decision.situation.rawValue))
        #expect(entry.body["time"] == .string("2026-03-01T09:00:00Z"))
        #expect(entry.body["recordedAt"] == .string("2026-03-01T09:00:02Z"), "the record's time is the one given, not the clock's")

        #expect(try Self.triageAndSeal().bytes == bytes, "the same values seal to the same bytes")
    }

    @Test("a keyed chain verifies with its key, and a changed byte is found")
    func keyedAndTampered() throws {
        let (_, bytes) = try Self.triageAndSeal(key: Self.key)
        let proven = AuditVerifier.verify(bytes: bytes, key: Self.key)
        #expect(proven.isIntact && proven.keyedEntriesProven == 2)

        var tampered = bytes
        let at = try #require(tampered.firstIndex(of: UInt8(ascii: "m")))  // in "mari"
        tampered[at] = UInt8(ascii: "M")
        #expect(AuditVerifier.verify(bytes: tampered, key: Self.key).problem?.kind == .edited)
    }
}
