import Foundation
import Testing
@testable import ReliefEngine

/// Only what the customer wrote is quoted; values and history facts read as facts.
@Suite("Evidence for people")
struct EvidenceTextTests {
    let utc = TimeZone(identifier: "UTC")!
    let tallinn = TimeZone(identifier: "Europe/Tallinn")!

    func history(_ observation: HistoryObservation) -> Evidence {
        Evidence(term: "t", matched: observation.evidenceValue, kind: .history(observation))
    }

    @Test("the customer's words in quotes with their term; a value without quotes")
    func wordsAndValues() {
        #expect(EvidenceText.withTerm(Evidence(term: "rikk*", matched: "rikkega")) == #""rikkega" (rikk*)"#)
        #expect(EvidenceText.withTerm(Evidence(term: "text.amount ≥ 1000", matched: "2000", kind: .value)) == "2000 (text.amount ≥ 1000)")
        let control = EvidenceText.shown(Evidence(term: "x", matched: "a\u{1B}[2Jb"))
        #expect(control == "\"" + VisibleText.escape("a\u{1B}[2Jb") + "\"")
        #expect(!control.contains("\u{1B}"), "a control character is shown, not obeyed")
    }

    @Test("history facts: waits and overdue promises as durations, the due time to the minute in the reader's zone")
    func historyFacts() {
        #expect(EvidenceText.shown(history(.waiting(seconds: 260 * 86_400 + 5 * 3600 + 59)), zone: utc) == "waiting 260 d 5 h")
        #expect(EvidenceText.shown(history(.waiting(seconds: 0)), zone: utc) == "not waiting")
        let due = Date(timeIntervalSince1970: 1_772_528_400)   // 2026-03-03T09:00:00Z
        let overdue = history(.promiseOverdue(due: due, bySeconds: 2 * 86_400 + 4 * 3600 + 30 * 60))
        #expect(EvidenceText.shown(overdue, zone: utc) == "promise overdue 2 d 4 h, due 2026-03-03 09:00 UTC")
        #expect(EvidenceText.shown(overdue, zone: tallinn) == "promise overdue 2 d 4 h, due 2026-03-03 11:00 +02:00")
        #expect(EvidenceText.shown(history(.noPromiseOverdue)) == "no promise overdue")
        #expect(EvidenceText.shown(history(.customerMessages(1))) == "1 customer message")
        #expect(EvidenceText.shown(history(.customerMessages(3))) == "3 customer messages")
        #expect(EvidenceText.shown(history(.reopened(true))) == "reopened")
        #expect(EvidenceText.shown(history(.channels([.phone, .email]))) == "wrote on email, phone")
        #expect(EvidenceText.withTerm(Evidence(term: "hoursWaiting ≥ 24", matched: "52.0", kind: .history(.waiting(seconds: 52 * 3600)))) == "waiting 2 d 4 h (hoursWaiting ≥ 24)")
    }

    @Test("JSON keeps the figure programs read: hours with one decimal, the due time in ISO 8601")
    func jsonValues() {
        #expect(HistoryObservation.waiting(seconds: 52 * 3600 + 360).evidenceValue == "52.1")
        #expect(HistoryObservation.promiseOverdue(due: Date(timeIntervalSince1970: 1_772_528_400), bySeconds: 60).evidenceValue == "due 2026-03-03T09:00:00Z")
        #expect(HistoryObservation.channels([.phone, .email]).evidenceValue == "email, phone")
    }
}
