import Foundation

/// What the audit log keeps of one decision: enough to show months later what was
/// recommended, from which rules, for which input, and who acted on it, without keeping the
/// customer's words unless asked.
public struct DecisionRecord: Sendable {
    /// The evaluation time: `--now` when given, so it can lie in the past.
    public var time: Date
    /// The wall-clock time the entry was made, whatever `--now` said: a backdated decision shows.
    public var recordedAt: Date
    /// Who ran the triage (`--agent`, else the user name).
    public var actor: String
    /// How the decision was asked for: `triage`, `triage --stream`, `triage --text`, or `queue`
    /// for a re-triage the desk recorded.
    public var command: String
    /// SHA-256 of the case input bytes, so the input can be matched later without being stored.
    public var caseDigest: String
    public var rulesDigest: String
    /// The customer's text, stored only with `--log-text`; masked before it is stored.
    public var text: String?
    public var decision: Decision
    /// What a second rules file, trialled in the shadow, decided for the same case.
    public var shadow: ShadowDecision?
    /// Set when the log is keyed: the entry then says its hash is an HMAC.
    public var keyed = false
    /// For a re-triage (`relief queue --record`): the situation the case was in before time
    /// moved it. Nil for a first decision.
    public var previousSituation: Situation?

    public init(time: Date, recordedAt: Date, actor: String, command: String, caseDigest: String, rulesDigest: String, text: String?, decision: Decision, shadow: ShadowDecision? = nil) {
        self.time = time
        self.recordedAt = recordedAt
        self.actor = actor
        self.command = command
        self.caseDigest = caseDigest
        self.rulesDigest = rulesDigest
        self.text = text
        self.decision = decision
        self.shadow = shadow
    }

    /// The situation rules that held, in precedence order: what override analysis counts.
    var heldRules: [String] { decision.situations.flatMap { $0.rules.map(\.id) } }

    /// The body serialised for `AuditChain.seal`, so a caller can do that work on its own
    /// threads before taking the log's lock.
    /// Written member by member in key order: the one way an entry's body is written. The
    /// audit log adds `seq`, `prev` and `hash`.
    public var serialized: AuditBody {
        let d = decision
        var b = AuditBody.Builder()
        var json = JSONStreamWriter(b.out)
        var scratch: [UInt8] = []
        b.string("actor", actor)
        b.string("caseDigest", caseDigest)
        b.string("caseId", d.caseId)
        if keyed { b.string("chain", AuditEntry.keyedChain) }
        b.string("command", command)
        b.key("expectations")
        json.array(d.expectations) { $0.raw($1.rawValue) }
        b.key("fallback")
        json.bool(d.fallback)
        if let o = d.override {
            b.key("override")
            json.open()
            json.key("engineSituation")
            json.raw(o.engineSituation.rawValue)
            json.key("reason")
            json.string(PersonalDataMasker.mask(o.reason))
            json.key("situation")
            json.raw(d.situation.rawValue)
            json.close()
        }
        if let previousSituation {
            b.key("previousSituation")
            json.raw(previousSituation.rawValue)
        }
        b.key("recordedAt")
        json.time(recordedAt)
        b.key("responses")
        json.array(d.responses) { $0.string($1.id) }
        b.key("rules")
        json.open()
        json.key("digest")
        json.string(rulesDigest)
        json.key("name")
        json.string(d.rulesName)
        json.key("version")
        json.string(d.rulesVersion)
        json.close()
        if let shadow {
            b.key("shadow")
            JSONWriter.writeBytes(shadow.json, into: &scratch)
            scratch.withUnsafeBufferPointer { b.out.write($0) }
        }
        b.key("signals")
        json.array(d.signals) { json, signal in
            json.open()
            json.key("id")
            json.string(signal.id)
            json.key("terms")
            // Matched words are masked too: evidence can quote an e-mail or a phone number.
            json.array(signal.evidence) { $0.string(PersonalDataMasker.mask($1.matched)) }
            json.close()
        }
        b.string("situation", d.situation.rawValue)
        b.key("situationRules")
        json.array(heldRules) { $0.string($1) }
        b.key("situations")
        json.array(d.situations) { $0.raw($1.situation.rawValue) }
        if let text { b.string("text", PersonalDataMasker.mask(text)) }
        b.key("time")
        json.time(time)
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

/// A shadow rules file's decision on a case, kept beside the live one in the audit entry:
/// enough to count how often the two agree and which one people side with when they override.
public struct ShadowDecision: Sendable, Equatable {
    public var situation: Situation
    public var responses: [String]
    public var rulesName: String
    public var rulesVersion: String
    /// SHA-256 of the shadow rules file's bytes.
    public var rulesDigest: String

    public init(_ decision: Decision, rulesDigest: String) {
        situation = decision.situation
        responses = decision.responses.map(\.id)
        rulesName = decision.rulesName
        rulesVersion = decision.rulesVersion
        self.rulesDigest = rulesDigest
    }

    public var json: JSON {
        .object([
            "situation": .string(situation.rawValue),
            "responses": .array(responses.map(JSON.string)),
            "rules": .object(["name": .string(rulesName), "version": .string(rulesVersion), "digest": .string(rulesDigest)]),
        ])
    }
}
