import Foundation

/// What the audit log keeps of one decision: enough to show months later what was
/// recommended, from which rules, for which input, and who acted on it, without keeping the
/// customer's words unless asked.
public struct DecisionRecord: Sendable {
    public var time: Date
    /// Who ran the triage (`--agent`, else the user name).
    public var actor: String
    /// How the decision was asked for: `triage`, `triage --stream`, `triage --text`.
    public var command: String
    /// SHA-256 of the case input bytes, so the input can be matched later without being stored.
    public var caseDigest: String
    public var rulesDigest: String
    /// The customer's text, stored only with `--log-text`; masked before it is stored.
    public var text: String?
    public var decision: Decision

    public init(time: Date, actor: String, command: String, caseDigest: String, rulesDigest: String, text: String?, decision: Decision) {
        self.time = time
        self.actor = actor
        self.command = command
        self.caseDigest = caseDigest
        self.rulesDigest = rulesDigest
        self.text = text
        self.decision = decision
    }

    /// The entry body: the audit log adds `seq`, `prev` and `hash`.
    public var body: [String: JSON] {
        let d = decision
        var body: [String: JSON] = [
            "time": .string(ISO8601.format(time)),
            "actor": .string(actor),
            "command": .string(command),
            "caseId": .string(d.caseId),
            "caseDigest": .string(caseDigest),
            "rules": .object(["name": .string(d.rulesName), "version": .string(d.rulesVersion), "digest": .string(rulesDigest)]),
            "situation": .string(d.situation.rawValue),
            "situations": .array(d.situations.map { .string($0.situation.rawValue) }),
            "fallback": .bool(d.fallback),
            // Matched words are masked too: evidence can quote an e-mail or a phone number.
            "signals": .array(d.signals.map { signal in
                .object(["id": .string(signal.id), "terms": .array(signal.evidence.map { .string(PersonalDataMasker.mask($0.matched)) })])
            }),
            "expectations": .array(d.expectations.map { .string($0.rawValue) }),
            "responses": .array(d.responses.map { .string($0.id) }),
        ]
        if let o = d.override {
            body["override"] = .object([
                "situation": .string(d.situation.rawValue),
                "engineSituation": .string(o.engineSituation.rawValue),
                "reason": .string(PersonalDataMasker.mask(o.reason)),
            ])
        }
        if let text { body["text"] = .string(PersonalDataMasker.mask(text)) }
        return body
    }

    /// The body serialised for `AuditLog.append`, so a caller can do that work on its own
    /// threads before taking the log's lock.
    /// Written member by member in key order, byte for byte what `AuditBody(body)` gives.
    public var serialized: AuditBody {
        let d = decision
        var b = AuditBody.Builder()
        func strings(_ values: [String], _ out: inout [UInt8]) {
            out.append(0x5B)
            for (i, v) in values.enumerated() {
                if i > 0 { out.append(0x2C) }
                JSONWriter.appendString(v, into: &out)
            }
            out.append(0x5D)
        }
        b.string("actor", actor)
        b.string("caseDigest", caseDigest)
        b.string("caseId", d.caseId)
        b.string("command", command)
        b.member("expectations") { strings(d.expectations.map(\.rawValue), &$0) }
        b.member("fallback") { JSONWriter.writeBytes(.bool(d.fallback), into: &$0) }
        if let o = d.override {
            b.member("override") { out in
                JSONWriter.writeBytes(.object([
                    "situation": .string(d.situation.rawValue),
                    "engineSituation": .string(o.engineSituation.rawValue),
                    "reason": .string(PersonalDataMasker.mask(o.reason)),
                ]), into: &out)
            }
        }
        b.member("responses") { strings(d.responses.map(\.id), &$0) }
        b.member("rules") { out in
            out.append(contentsOf: #"{"digest":"#.utf8)
            JSONWriter.appendString(rulesDigest, into: &out)
            out.append(contentsOf: #","name":"#.utf8)
            JSONWriter.appendString(d.rulesName, into: &out)
            out.append(contentsOf: #","version":"#.utf8)
            JSONWriter.appendString(d.rulesVersion, into: &out)
            out.append(0x7D)
        }
        b.member("signals") { out in
            out.append(0x5B)
            for (i, signal) in d.signals.enumerated() {
                if i > 0 { out.append(0x2C) }
                out.append(contentsOf: #"{"id":"#.utf8)
                JSONWriter.appendString(signal.id, into: &out)
                out.append(contentsOf: #","terms":"#.utf8)
                // Matched words are masked too: evidence can quote an e-mail or a phone number.
                strings(signal.evidence.map { PersonalDataMasker.mask($0.matched) }, &out)
                out.append(0x7D)
            }
            out.append(0x5D)
        }
        b.string("situation", d.situation.rawValue)
        b.member("situations") { strings(d.situations.map(\.situation.rawValue), &$0) }
        if let text { b.string("text", PersonalDataMasker.mask(text)) }
        b.string("time", ISO8601.format(time))
        return b.body
    }

    /// All the customer's words in a case, for `--log-text`.
    public static func customerText(of supportCase: SupportCase) -> String {
        var parts: [String] = []
        if let subject = supportCase.subject, !subject.isEmpty { parts.append(subject) }
        for event in supportCase.events {
            if case .message(from: .customer, let text, _, _) = event.kind, !text.isEmpty { parts.append(text) }
        }
        return parts.joined(separator: "\n")
    }
}
