import Foundation
import Testing
@testable import ReliefEngine

/// Rule usage, outcomes, fallback words and the summary, on the tiny rules and cases
/// (see `ReplayTestSupport`), with the expected numbers worked out by hand.
@Suite("Replay tallies: usage, outcomes, fallbacks, summary")
struct ReplayTalliesTests {
    @Test("rule usage counts steps and cases per signal, situation rule and response, and lists what never fired")
    func usage() throws {
        var usage = RuleUsage(rules: try ReplayTestSupport.rules())
        for r in try ReplayTestSupport.replays() { usage.add(r) }
        func counts(_ kind: RuleUsage.Kind) -> [String: [Int]] {
            Dictionary(uniqueKeysWithValues: usage.entries(kind).map { ($0.id, [$0.steps, $0.cases]) })
        }
        #expect(counts(.signal) == ["broken": [2, 1], "lawyer": [1, 1], "thanks": [1, 1], "wedding": [0, 0]])
        #expect(counts(.rule) == ["crisis-legal": [1, 1], "elevated-wedding": [0, 0], "unexpected-broken": [2, 1], "everyday-thanks": [1, 1]])
        #expect(counts(.response) == ["crisis-trust": [1, 1], "unexpected-recovery": [1, 1], "everyday-simplicity": [2, 2]])
        #expect(usage.neverFired(.signal).map(\.id) == ["wedding"])
        #expect(usage.neverFired(.rule).map(\.id) == ["elevated-wedding"])
        #expect(usage.neverFired(.response).isEmpty)
    }

    @Test("steps replayed under another rules file are still counted by id, not by their place in it")
    func usageFromOtherFile() throws {
        // The same rules with the signals in another order: every signal index means another id.
        let text = ReplayTestSupport.tinyRules
        let lawyer = try #require(text.range(of: #"    { id: "lawyer""#))
        let thanks = try #require(text.range(of: #"    { id: "thanks""#))
        let lawyerBlock = String(text[lawyer.lowerBound..<thanks.lowerBound])
        var reordered = text
        reordered.removeSubrange(lawyer.lowerBound..<thanks.lowerBound)
        reordered = reordered.replacingOccurrences(of: #"    { id: "broken""#, with: lawyerBlock + #"    { id: "broken""#)
        let other = try ReplayTestSupport.rules(reordered)
        #expect(other.signals.map(\.id) == ["lawyer", "broken", "thanks", "wedding"])

        var usage = RuleUsage(rules: other)
        for r in try ReplayTestSupport.replays() { usage.add(r) }
        let signals = Dictionary(uniqueKeysWithValues: usage.entries(.signal).map { ($0.id, [$0.steps, $0.cases]) })
        #expect(signals == ["broken": [2, 1], "lawyer": [1, 1], "thanks": [1, 1], "wedding": [0, 0]])
        #expect(usage.neverFired(.rule).map(\.id) == ["elevated-wedding"])
    }

    @Test("outcomes set feedback beside the peak situation and the relief moment, and count targets met")
    func outcomes() throws {
        var o = Outcomes()
        for r in try ReplayTestSupport.replays() { o.add(r) }
        let crisis = try #require(o.byPeak[.crisis])
        #expect(crisis.cases == 1 && crisis.withFeedback == 1)
        #expect(crisis.csat == 4 && crisis.nps == 100 && crisis.ces == nil)
        let everyday = try #require(o.byPeak[.everyday])
        #expect(everyday.cases == 2 && everyday.withFeedback == 1)
        #expect(everyday.csat == 2 && everyday.nps == -100 && everyday.ces == 5)
        #expect(o.byReliefMoment[.met]?.csat == 4)
        #expect(o.byReliefMoment[.missed]?.csat == 2)
        #expect(o.byReliefMoment[.unknown]?.withFeedback == 0)

        #expect(o.reliefMoments[.crisis]?.met == 1)
        let everydayRelief = try #require(o.reliefMoments[.everyday])
        #expect([everydayRelief.cases, everydayRelief.met, everydayRelief.missed, everydayRelief.unanswered, everydayRelief.unknown] as [Int] == [2, 0, 1, 1, 1])
        #expect(o.reliefMomentsTotal.percent == 50)
        #expect(o.firstResponse[.unexpected]?.met == 1)
        #expect(o.firstResponse[.everyday]?.missed == 1)
        #expect(o.firstResponse[.everyday]?.unknown == 1)
    }

    @Test("NPS is promoters minus detractors in percent of answers; passives count in neither")
    func nps() {
        var s = Outcomes.Scores()
        for v in [10.0, 9, 8, 7, 6, 0] { s.add(Feedback(nps: v)) }
        #expect(s.promoters == 2 && s.detractors == 2)
        #expect(s.nps == 0)
    }

    @Test("the summary counts cases, steps, situations, trajectory shapes and the worst missed relief moments")
    func summary() throws {
        var s = ReplaySummary(rules: try ReplayTestSupport.rules())
        for r in try ReplayTestSupport.replays() { s.add(r) }
        #expect([s.cases, s.steps, s.events, s.casesWithoutSteps, s.casesThatMoved] as [Int] == [3, 4, 8, 0, 1])
        #expect(s.peakSituations == [.crisis: 1, .everyday: 2])
        #expect(s.leadingSituations == [.crisis: 1, .everyday: 2])
        #expect(s.stepSituations == [.everyday: 2, .unexpected: 1, .crisis: 1])
        #expect(s.trajectoryShapes.map(\.situations) == [[.everyday], [.unexpected, .crisis]])
        #expect(s.trajectoryShapes.map(\.cases) == [2, 1])
        #expect(s.worstMissed.map(\.caseId) == ["A"])
        #expect(s.worstMissed.first?.lateSeconds == nil)
    }

    @Test("the worst missed relief moments: never answered first, then the latest, at most ten")
    func worstMissed() throws {
        let rules = try ReplayTestSupport.rules()
        var s = ReplaySummary(rules: rules)
        var lines: [String] = []
        for minutes in [20, 90, 45, 30, 200, 16, 17, 18, 19, 21, 22, 23] {
            lines.append(#"{"id": "L\#(minutes)", "events": [{"at": "2026-03-01T09:00:00Z", "type": "message", "text": "my lawyer"}, {"at": "2026-03-01T\#(String(format: "%02d:%02d", 9 + minutes / 60, minutes % 60)):00Z", "type": "message", "from": "agent", "text": "ok"}]}"#)
        }
        lines.append(#"{"id": "never", "events": [{"at": "2026-03-01T09:00:00Z", "type": "message", "text": "my lawyer"}]}"#)
        for r in try ReplayTestSupport.replays(lines, rules: rules) { s.add(r) }
        #expect(s.worstMissed.count == ReplaySummary.worstLimit)
        #expect(Array(s.worstMissed.map(\.caseId).prefix(5)) == ["never", "L200", "L90", "L45", "L30"])
        #expect(!s.worstMissed.map(\.caseId).contains("L16"))
    }

    @Test("the trajectory shapes kept are bounded; the rest are counted as other")
    func shapesBounded() throws {
        let rules = try ReplayTestSupport.rules()
        var s = ReplaySummary(rules: rules)
        let replay = try ReplayTestSupport.replays([#"{"id": "X", "text": "thanks"}"#], rules: rules)[0]
        for i in 0..<(ReplaySummary.trajectoryLimit + 5) {
            var r = replay
            // Shapes of growing length: everyday, everyday → crisis → everyday, ...
            for k in 0..<i {
                var step = r.steps[0]
                step.situation = k % 2 == 0 ? .crisis : .everyday
                step.step = k + 2
                r.steps.append(step)
            }
            s.add(r)
        }
        #expect(s.trajectoryShapes.count == ReplaySummary.trajectoryLimit)
        #expect(s.otherShapes == 5)
    }
}

@Suite("Replay fallback words")
struct ReplayFallbackWordsTests {
    @Test("words the rules know are term words, words starting with a term prefix, and marker words")
    func vocabulary() throws {
        let v = FallbackVocabulary(rules: try MiniRules.load())
        #expect(v.knows("broken"))
        #expect(v.knows("rikkega"))
        #expect(v.knows("working"))
        #expect(v.knows("the"))
        #expect(!v.knows("kettle"))
    }

    @Test("unknown words leave out personal data, short words and numbers, once each in order")
    func unknownWords() throws {
        let v = FallbackVocabulary(rules: try MiniRules.load())
        let words = v.unknownWords(in: ["Write to john.smith@example.com about the kettle, order 12345", "kettle KETTLE lid"])
        #expect(words == ["write", "about", "kettle", "order", "lid"])
    }

    @Test("counts words by fallback cases, most first; memory stays bounded and says when counts become approximate")
    func bounded() throws {
        var f = FallbackWords()
        let base = try ReplayTestSupport.replays()[2]
        for i in 0..<3 {
            var r = base
            r.caseId = "F\(i)"
            r.unknownWords = i == 0 ? ["parcel", "kettle"] : ["parcel"]
            f.add(r)
        }
        #expect(f.cases == 3)
        #expect(f.topWords().map(\.word) == ["parcel", "kettle"])
        #expect(f.topWords().map(\.cases) == [3, 1])
        #expect(!f.approximate)
        for i in 0..<(FallbackWords.wordCapacity * 2 / 100 + 1) {
            var r = base
            r.unknownWords = (0..<100).map { "w\(i)x\($0)" }
            f.add(r)
        }
        #expect(f.approximate)
        #expect(f.examples.count == FallbackWords.exampleLimit)
        #expect(f.topWords(1).first?.word == "parcel")
    }
}

@Suite("Replay rules comparison")
struct ReplayRulesComparisonTests {
    @Test("a case differs when its leading situation, peak or responses change; the rest are the same")
    func difference() throws {
        let before = try ReplayTestSupport.rules()
        let after = try ReplayTestSupport.rules(ReplayTestSupport.tinyRules.replacingOccurrences(of: #"when: "lawyer""#, with: #"when: "wedding""#))
        let b = try ReplayTestSupport.replays(rules: before)
        let a = try ReplayTestSupport.replays(rules: after)
        var comparison = RulesComparison(after: after)
        for (x, y) in zip(b, a) { comparison.add(before: x, after: y) }
        #expect(comparison.compared == 3)
        #expect(comparison.differing == 1)
        let d = try #require(comparison.examples.first)
        #expect(d.caseId == "B")
        #expect(d.aspects == [.leading, .peak, .responses])
        #expect(d.before.leading == .crisis && d.after.leading == .unexpected)
        #expect(d.after.peak?.step == 1)
        #expect(d.after.responses == ["unexpected-recovery"])
        #expect(comparison.sortedTransitions.map { "\($0.transition.before!.rawValue)→\($0.transition.after!.rawValue) \($0.cases)" } == ["crisis→unexpected 1"])
        #expect(comparison.after.coverage.percent == 50)
    }
}
