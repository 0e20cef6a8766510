// FuzzOutputJSON: differential target for the JSON the engine writes. The input is a case
// (read with the full reader) or, when it is not one, the text of a one-message case; the
// default rules classify it. Every JSON form of the result must be read back by JSONParser,
// and where two paths write one form they must agree byte for byte:
//   - the decision (`triage --json`, `--stream`), as the engine decided and with an override
//     (then, for one input in four, with explanations): written field by field, and with the
//     responses copied from the rules' JSON written once;
//   - the audit entry: the sealed line read back as an entry whose hash checks;
//   - the replay entry (`replay --format json`), alone and compared with a replay that reads
//     only the first 64 bytes of a text, is written once, so it is only read back.
// Reading a written form back and writing it again must give the same bytes.

import Foundation
@testable import ReliefEngine

private let rules = RulesLoader.load(DefaultRules.source).rules!
private let classifier = Classifier(rules: rules)
private let fragments = DecisionJSON.Fragments(classifier)
private let replayer = Replayer(rules: rules)
private let shortReplayer = Replayer(rules: rules, textLimit: 64)
private let recordTime = ISO8601.parseTimestamp("2026-03-05T12:00:00.250Z")!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOutputJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    let supportCase: SupportCase
    if let node = try? JSONParser.parse(bytes), let decoded = try? CaseDecoder.decode(node) {
        supportCase = decoded
    } else {
        let channel = Channel.allCases[size % Channel.allCases.count]
        supportCase = .quick(id: String(decoding: bytes.prefix(12), as: UTF8.self), text: String(decoding: bytes, as: UTF8.self),
                             channel: channel, openedAt: size % 3 == 0 ? nil : recordTime)
    }
    let now = supportCase.lastEventTime.map { $0.addingTimeInterval(Double(size % 200) * 3600) }

    let plain = classifier.classify(supportCase, now: now)
    // Explanations trace every rule of the default rules: large, so one input in four asks.
    let overridden = classifier.classify(supportCase, now: now, explain: size % 4 == 0,
                                         override: (.crisis, String(decoding: bytes.suffix(40), as: UTF8.self)))
    for decision in [plain, overridden] {
        var streamed: [UInt8] = []
        DecisionJSON.write(decision, into: &streamed)
        var cached: [UInt8] = []
        DecisionJSON.write(decision, into: &cached, fragments: fragments)
        fuzzCheck(cached == streamed, "the decision written from the rules' JSON differs:\n\(shown(cached))\n\(shown(streamed))")
        readsBack(streamed, "decision")
        fuzzCheck(!streamed.contains(0x0A), "a decision line has a line break: \(shown(streamed))")
        _ = DecisionText.render(decision)

        // Written later than the evaluation time, by a fraction the input picks: both times go
        // through both writers.
        var record = DecisionRecord(time: recordTime, recordedAt: recordTime.addingTimeInterval(Double(size % 1000) / 8), actor: "fuzz", command: "triage", caseDigest: SHA256.hexDigest(bytes),
                                    rulesDigest: String(repeating: "ab", count: 32), text: DecisionRecord.customerText(of: supportCase),
                                    decision: decision, shadow: ShadowDecision(plain, rulesDigest: String(repeating: "cd", count: 32)))
        record.keyed = size % 2 == 0
        var line: [UInt8] = []
        let key: [UInt8]? = record.keyed ? Array("sixteen byte key".utf8) : nil
        let hash = AuditEntry.sealed(seq: 7, prev: AuditEntry.firstPrev, body: record.serialized, key: key, line: &line)
        readsBack(line, "audit entry")
        guard let entry = AuditEntry(line: String(decoding: line, as: UTF8.self)) else {
            fuzzCheck(false, "the audit line is not an entry: \(shown(line))")
            return 0
        }
        fuzzCheck(entry.hash == hash && entry.seq == 7 && entry.hasValidHash(key: key), "the audit line does not check: \(shown(line))")
    }

    let replay = replayer.replay(supportCase)
    let short = shortReplayer.replay(supportCase)
    for after in [nil, short] {
        readsBack(Array(ReplayJSON.caseText(replay, after: after).utf8), "replay entry")
    }
    return 0
}

/// JSONParser reads `bytes`, and writing what it read gives the same bytes again (they are
/// already in JSONWriter's form).
private func readsBack(_ bytes: [UInt8], _ what: String) {
    guard let node = try? JSONParser.parse(bytes) else {
        fuzzCheck(false, "JSONParser refuses the \(what) \(shown(bytes))")
        return
    }
    let again = Array(JSONWriter.write(node.json).utf8)
    fuzzCheck(again == bytes, "the \(what) reads back as another value:\n\(shown(bytes))\n\(shown(again))")
}
