import Foundation
import Testing
@testable import ReliefEngine

/// Re-triage for the desk: a case as it stands at a moment, and what it is owed.
@Suite("Re-triaging an open case at a moment")
struct QueueTriageTests {
    let triage: QueueTriage
    init() throws {
        // The mini rules (crisis 15 min, elevated 1 h, unexpected 4 h, everyday 1 day), with an
        // hourly cadence for crisis.
        triage = QueueTriage(rules: try MiniRules.load(replacing: [(#"firstResponse: "PT15M","#, #"firstResponse: "PT15M", updateEvery: "PT1H","#)]))
    }

    static func t(_ s: String) -> Date { MiniRules.date("2026-03-10T" + s + ":00Z") }
    static func customer(_ at: String, _ text: String) -> CaseEvent { CaseEvent(at: t(at), kind: .message(from: .customer, text: text, channel: nil, promise: nil)) }
    static func agent(_ at: String, promise due: String? = nil, what: String? = nil) -> CaseEvent {
        CaseEvent(at: t(at), kind: .message(from: .agent, text: "ok", channel: nil, promise: due.map { Promise(due: t($0), what: what) }))
    }
    static func status(_ at: String, _ s: String) -> CaseEvent { CaseEvent(at: t(at), kind: .status(s)) }
    static func make(_ events: [CaseEvent], id: String = "C-1") -> SupportCase { SupportCase(id: id, openedAt: events.first?.at, events: events) }

    func item(_ events: [CaseEvent], at now: String) throws -> QueueItem {
        try #require(triage.assess(Self.make(events), now: Self.t(now))).item
    }

    @Test("a resolved or closed case is left out; a customer message after it brings it back")
    func resolvedCases() throws {
        let resolved = [Self.customer("08:00", "It is broken"), Self.agent("08:30"), Self.status("09:00", "resolved")]
        #expect(triage.assess(Self.make(resolved), now: Self.t("10:00")) == nil)
        #expect(triage.assess(Self.make([Self.customer("08:00", "It is broken"), Self.status("08:10", "closed")]), now: Self.t("10:00")) == nil)
        #expect(try item(resolved, at: "08:45").situation == .unexpected, "before it was resolved it was open")
        let back = try item(resolved + [Self.customer("11:00", "Still broken")], at: "12:00")
        #expect(back.deadline == QueueDeadline(kind: .reply, at: Self.t("15:00")))
    }

    @Test("only what had happened by the moment counts: a case not opened yet is left out, later events are not known")
    func asOfTheMoment() throws {
        let events = [Self.customer("08:00", "It is broken"), Self.agent("09:00"), Self.customer("11:00", "My lawyer will call")]
        #expect(triage.assess(Self.make(events), now: Self.t("07:59")) == nil)
        let morning = try item(events, at: "08:30")
        #expect(morning.situation == .unexpected)
        #expect(morning.deadline == QueueDeadline(kind: .reply, at: Self.t("12:00")))
        let later = try item(events, at: "11:05")
        #expect(later.situation == .crisis)
        #expect(later.deadline == QueueDeadline(kind: .reply, at: Self.t("11:15")))
    }

    @Test("a reply is due at the oldest unanswered message plus the target of the situation now")
    func replyDue() throws {
        // Waiting since 08:00; at 10:00 the second message makes it crisis: 08:00 + 15 min.
        let it = try item([Self.customer("08:00", "It is broken"), Self.customer("10:00", "My lawyer will call")], at: "10:05")
        #expect(it.deadline == QueueDeadline(kind: .reply, at: Self.t("08:15")))
        #expect(it.waitingSince == Self.t("08:00"))
        #expect(it.isOverdue(at: Self.t("10:05")))
    }

    @Test("a promise is due at its time until an agent writes after that time")
    func promiseDue() throws {
        let promised = [Self.customer("08:00", "It is broken"), Self.agent("08:30", promise: "12:00", what: "a new part")]
        #expect(try item(promised, at: "09:00").deadline == QueueDeadline(kind: .promise, at: Self.t("12:00"), what: "a new part"))
        let broken = try item(promised, at: "13:00")
        #expect(broken.deadline?.kind == .promise && broken.isOverdue(at: Self.t("13:00")))
        #expect(broken.reason == "unexpected-problem: defect, promise-broken", "the broken promise is part of the reason")
        #expect(try item(promised + [Self.agent("12:10")], at: "13:00").deadline == nil, "kept: nothing is due")
    }

    @Test("an update is due a cadence after our last word, only in a situation with a cadence and only while no message waits")
    func updateDue() throws {
        let crisis = [Self.customer("08:00", "My lawyer will call"), Self.agent("08:10"), Self.agent("09:00")]
        #expect(try item(crisis, at: "09:30").deadline == QueueDeadline(kind: .update, at: Self.t("10:00")))
        // The customer writes again: the reply is owed, 15 minutes from that message.
        #expect(try item(crisis + [Self.customer("09:20", "Any news?")], at: "09:30").deadline == QueueDeadline(kind: .reply, at: Self.t("09:35")))
        // No cadence in unexpected: answered and nothing promised, nothing is due.
        #expect(try item([Self.customer("08:00", "It is broken"), Self.agent("08:10")], at: "20:00").deadline == nil)
    }

    @Test("the earliest of reply, promise and update is what is due; at the same time, the reply")
    func earliest() throws {
        let events = [Self.customer("08:00", "My lawyer will call"), Self.agent("08:05", promise: "08:20"), Self.customer("08:05", "Hello?")]
        // Reply 08:05 + 15 min = 08:20, promise 08:20: the reply wins the tie.
        #expect(try item(events, at: "08:10").deadline == QueueDeadline(kind: .reply, at: Self.t("08:20")))
        #expect(QueueDeadline.earliest([QueueDeadline(kind: .update, at: Self.t("09:00")), QueueDeadline(kind: .promise, at: Self.t("08:59"))])?.kind == .promise)
    }

    @Test("the situation rose when it is more intense now than right after the first message")
    func rose() throws {
        let it = try item([Self.customer("08:00", "It is broken"), Self.customer("09:00", "My lawyer will call")], at: "09:05")
        #expect(it.openedAs == .unexpected && it.situation == .crisis && it.rose)
        #expect(it.situationText == "unexpected ↑ crisis")
        let waited = try item([Self.customer("08:00", "Thanks a lot")], at: "23:00")
        #expect(waited.openedAs == .everyday && !waited.rose && waited.situationText == "everyday")
        let late = try triage.assess(Self.make([Self.customer("08:00", "Thanks a lot")]), now: MiniRules.date("2026-03-11T09:00:00Z"))
        #expect(late?.item.situationText == "everyday ↑ unexpected", "a day unanswered raises the waiting signal")
    }

    @Test("the reason, owner and next action come from the playbook's first response")
    func playbook() throws {
        let it = try item([Self.customer("08:00", "My lawyer will call")], at: "08:05")
        #expect(it.rule == "crisis-legal" && it.signals == ["court"])
        #expect(it.reason == "crisis-legal: court")
        #expect(it.responseId == "crisis-trust" && it.owner == "agent" && it.ownerName == "agent")
        #expect(it.next == "Do crisis-trust")
        let unknown = try item([Self.customer("08:00", "What colour is the sky")], at: "08:05")
        #expect(unknown.fallback && unknown.rule == nil && unknown.reason == "no situation rule matched")
    }

    @Test("the situation before the moment is judged only when asked, at the case's last event")
    func previous() throws {
        let events = [Self.customer("08:00", "It is broken"), Self.agent("08:30", promise: "09:00")]
        #expect(triage.assess(Self.make(events), now: Self.t("10:00"))?.previous == nil)
        let assessed = try #require(triage.assess(Self.make(events), now: Self.t("10:00"), previous: true))
        #expect(assessed.previous == .unexpected)
        #expect(assessed.decision == nil, "the same situation: nothing to record, no full decision made")
        // Thanks at 08:00, unanswered: everyday then; a day later the wait makes it unexpected.
        let waited = try #require(triage.assess(Self.make([Self.customer("08:00", "Thanks a lot")]), now: MiniRules.date("2026-03-11T09:00:00Z"), previous: true))
        #expect(waited.previous == .everyday && waited.item.situation == .unexpected)
        let decision = try #require(waited.decision)
        #expect(decision.situation == .unexpected && decision.signals.map(\.id).contains("waiting"))
    }
}
