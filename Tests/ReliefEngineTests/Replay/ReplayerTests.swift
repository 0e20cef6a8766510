import Foundation
import Testing
@testable import ReliefEngine

@Suite("Replayer: a case, one customer message at a time")
struct ReplayerTests {
    @Test("each customer message is a step; the step records the event that moved it and what it brought in")
    func steps() throws {
        let b = try ReplayTestSupport.replays()[1]
        #expect(b.caseId == "B")
        #expect(b.events == 5)
        #expect(b.steps.map(\.step) == [1, 2])
        #expect(b.steps.map(\.event) == [1, 3])
        #expect(b.steps.map(\.situation) == [.unexpected, .crisis])
        #expect(b.steps[0].movedFrom == nil)
        #expect(b.steps[1].movedFrom == .unexpected)
        #expect(b.steps[0].raised == ["broken"])
        #expect(b.steps[1].raised == ["lawyer"])
        #expect(b.steps[1].signals == ["broken", "lawyer"])
        #expect(b.steps[1].rules == ["crisis-legal", "unexpected-broken"])
        #expect(b.steps[0].expectations == [.recovery, .consistency])
        #expect(b.steps[0].uncovered == [.consistency])
        #expect(b.steps[0].responses == ["unexpected-recovery"])
        #expect(b.steps[1].responses == ["crisis-trust"])
        #expect(b.steps[1].at == ReplayTestSupport.date("2026-03-01T11:00:00Z"))
        #expect(b.leading == .crisis)
        #expect(b.responsesChosen == ["unexpected-recovery", "crisis-trust"])
    }

    @Test("the peak is the most severe step, and its relief moment is met when an agent answers within the target")
    func reliefMet() throws {
        let b = try ReplayTestSupport.replays()[1]
        #expect(b.peak == ReplayPeak(step: 2, situation: .crisis, at: ReplayTestSupport.date("2026-03-01T11:00:00Z")))
        let relief = try #require(b.reliefMoment)
        #expect(relief.target.text == "PT15M")
        #expect(relief.due == ReplayTestSupport.date("2026-03-01T11:15:00Z"))
        #expect(relief.answeredAt == ReplayTestSupport.date("2026-03-01T11:10:00Z"))
        #expect(relief.met == true)
        #expect(relief.waitedSeconds == 600)
        #expect(relief.marginSeconds == 300)
        let first = try #require(b.firstResponse)
        #expect(first.situation == .unexpected)
        #expect(first.due == ReplayTestSupport.date("2026-03-01T13:00:00Z"))
        #expect(first.answeredAt == ReplayTestSupport.date("2026-03-01T10:00:00Z"))
        #expect(first.met == true)
        #expect(b.feedback == Feedback(csat: 4, nps: 9, ces: nil))
    }

    @Test("no agent message after the peak is a missed relief moment; no times means it cannot be judged")
    func reliefMissedAndUnknown() throws {
        let replays = try ReplayTestSupport.replays()
        let a = replays[0]
        #expect(a.reliefMoment?.answeredAt == nil)
        #expect(a.reliefMoment?.met == false)
        #expect(a.firstResponse?.met == false)
        let c = replays[2]
        #expect(c.reliefMoment?.due == nil)
        #expect(c.reliefMoment?.met == nil)
        #expect(c.firstResponse?.met == nil)
    }

    @Test("an answer after the target is missed, and by how long")
    func reliefLate() throws {
        let late = #"{"id": "L", "events": [{"at": "2026-03-01T09:00:00Z", "type": "message", "text": "my lawyer"}, {"at": "2026-03-01T09:45:00Z", "type": "message", "from": "agent", "text": "ok"}]}"#
        let relief = try #require(try ReplayTestSupport.replays([late])[0].reliefMoment)
        #expect(relief.met == false)
        #expect(relief.marginSeconds == -1800)
    }

    @Test("ties go to the earliest step, and a calmer later message does not move the peak")
    func peakTies() throws {
        let text = #"{"id": "T", "events": [{"type": "message", "text": "broken"}, {"type": "message", "text": "my lawyer"}, {"type": "message", "text": "the lawyer again"}, {"type": "message", "text": "thanks"}]}"#
        let replay = try ReplayTestSupport.replays([text])[0]
        #expect(replay.steps.map(\.situation) == [.unexpected, .crisis, .crisis, .crisis])
        #expect(replay.peak?.step == 2)
    }

    @Test("history facts are judged at each message's own time")
    func nowIsTheMessageTime() throws {
        let rules = try MiniRules.load()
        let waiting = #"{"id": "W", "events": [{"at": "2026-03-01T09:00:00Z", "type": "message", "text": "hello?"}, {"at": "2026-03-03T09:00:00Z", "type": "message", "text": "anyone?"}]}"#
        let replay = try ReplayTestSupport.replays([waiting], rules: rules)[0]
        #expect(!replay.steps[0].signals.contains("waiting"))
        #expect(replay.steps[1].signals.contains("waiting"))
        #expect(replay.steps.map(\.situation) == [.everyday, .unexpected])

        let promise = #"{"id": "P", "events": [{"at": "2026-03-01T09:00:00Z", "type": "message", "text": "refund?"}, {"at": "2026-03-01T10:00:00Z", "type": "message", "from": "agent", "text": "by Monday", "promise": {"due": "2026-03-02T09:00:00Z"}}, {"at": "2026-03-01T12:00:00Z", "type": "message", "text": "ok"}, {"at": "2026-03-04T09:00:00Z", "type": "message", "text": "nothing yet"}]}"#
        let p = try ReplayTestSupport.replays([promise], rules: rules)[0]
        #expect(p.steps.map { $0.signals.contains("promise-broken") } == [false, false, true])
    }

    @Test("incremental replay gives the same decision as classifying each prefix from scratch", arguments: [0, 1, 2])
    func incrementalEqualsFromScratch(part: Int) throws {
        let rules = try #require(RulesLoader.load(DefaultRules.source).rules)
        let classifier = Classifier(rules: rules)
        let replayer = Replayer(rules: rules)
        let lines = try String(contentsOf: ReplayTestSupport.repository.appendingPathComponent("Fixtures/histories/histories.jsonl"), encoding: .utf8)
            .split(separator: "\n").enumerated().filter { $0.offset % 3 == part }.map { String($0.element) }
        for line in lines {
            let c = try ReplayTestSupport.decode(line)
            let replay = replayer.replay(c)
            for step in replay.steps {
                var prefix = c
                prefix.events = Array(c.events.prefix(step.event))
                let d = classifier.classify(prefix, now: step.at)
                #expect(d.situation == step.situation, "\(c.id) step \(step.step)")
                #expect(d.responses.map(\.id) == step.responses, "\(c.id) step \(step.step)")
                #expect(d.signals.map(\.id) == step.signals, "\(c.id) step \(step.step)")
            }
        }
    }

    @Test("a case without customer messages has no steps, no peak and no relief moment")
    func noCustomerMessage() throws {
        let replay = try ReplayTestSupport.replays([#"{"id": "N", "events": [{"type": "status", "status": "resolved"}]}"#])[0]
        #expect(replay.steps.isEmpty)
        #expect(replay.peak == nil)
        #expect(replay.reliefMoment == nil)
        #expect(!replay.isFallback)
    }

    @Test("a case where no rule matched at any step is a fallback, with the words the rules do not know")
    func fallback() throws {
        let c = try ReplayTestSupport.replays()[2]
        #expect(c.isFallback)
        #expect(c.steps[0].fallback)
        #expect(c.unknownWords == ["hello", "there"])
        #expect(try ReplayTestSupport.replays()[1].unknownWords.isEmpty)
    }
}
