import Testing
@testable import ReliefEngine

/// `rules check` warns about a cell that only conditional responses fill: replay would find the
/// steps that meet none of the conditions uncovered, so check names those conditions first.
@Suite("Rules linter: cells with only conditional responses")
struct RulesLinterTests {
    /// The mini rules with the default of `situation` × `expectation` replaced by `responses`.
    func source(replacing situation: String, _ expectation: String, with responses: [String]) -> String {
        MiniRules.text().replacingOccurrences(of: MiniRules.response("\(situation)-\(expectation)", situation, expectation), with: responses.joined(separator: "\n"))
    }

    func problems(replacing situation: String, _ expectation: String, with responses: [String]) -> [RulesProblem] {
        RulesLoader.load(source(replacing: situation, expectation, with: responses)).problems
    }

    @Test("an expectation the situation puts at stake with only a conditional response: warned at the response, naming the gap")
    func situationDefault() throws {
        let loyal = MiniRules.response("crisis-empathy-loyal", "crisis", "empathy", when: #"{ segment: ["long-time"] }"#)
        let text = source(replacing: "crisis", "empathy", with: [loyal])
        let found = RulesLoader.load(text).problems
        #expect(found.map(\.kind) == [.conditionalCell(.crisis, .empathy, raisedBy: [], unless: ["segment long-time"], milder: .init(.elevated, "elevated-empathy"))])
        let problem = try #require(found.first)
        #expect(problem.severity == .warning)
        #expect(problem.message == "crisis × empathy has no response when not (segment long-time); the milder elevated answers it in every case ('elevated-empathy'), so a case that becomes crisis can get less than before; a response without 'when' would be the cell's default")
        // At the response's id, where the other warnings about responses point.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.contains(#"id: "crisis-empathy-loyal""#) })
        let id = try #require(lines[index].range(of: #""crisis-empathy-loyal""#))
        let column = lines[index].distance(from: lines[index].startIndex, to: id.lowerBound) + 1
        #expect(problem.position == SourcePosition(line: index + 1, column: column))
        #expect(problem.formatted(file: "r.json5") == "r.json5:\(index + 1):\(column): warning: \(problem.message) [responses]")
    }

    @Test("several conditional responses: the cell is empty when none of them applies")
    func several() {
        let found = problems(replacing: "crisis", "empathy", with: [
            MiniRules.response("crisis-empathy-loyal", "crisis", "empathy", when: #"{ segment: ["long-time"] }"#),
            MiniRules.response("crisis-empathy-court", "crisis", "empathy", when: #"{ channel: ["phone", "chat"], signals: ["court"] }"#),
        ])
        #expect(found.map(\.message) == ["crisis × empathy has no response when not (channel chat/phone, signals court) and not (segment long-time); the milder elevated answers it in every case ('elevated-empathy'), so a case that becomes crisis can get less than before; a response without 'when' would be the cell's default"])
    }

    @Test("a cell reached only through raising signals: a signal that alone makes a response apply closes that way in")
    func raisedOnly() {
        // Crisis does not put simplicity at stake; `repeat` and `hopping` raise it.
        let half = problems(replacing: "crisis", "simplicity", with: [MiniRules.response("crisis-simplicity-repeat", "crisis", "simplicity", when: #"{ signals: ["repeat"] }"#)])
        #expect(half.map(\.kind) == [.conditionalCell(.crisis, .simplicity, raisedBy: ["hopping"], unless: ["signals repeat"], milder: .init(.elevated, "elevated-simplicity"))])
        #expect(half.first?.message == "crisis × simplicity has no response when hopping puts it at stake and not (signals repeat); the milder elevated answers it in every case ('elevated-simplicity'), so a case that becomes crisis can get less than before; a response without 'when' would be the cell's default")
        let both = problems(replacing: "crisis", "simplicity", with: [
            MiniRules.response("crisis-simplicity-repeat", "crisis", "simplicity", when: #"{ signals: ["repeat"] }"#),
            MiniRules.response("crisis-simplicity-hopping", "crisis", "simplicity", when: #"{ signals: ["hopping"] }"#),
        ])
        #expect(both.isEmpty, "every way in has its response: \(both.map(\.message))")
        let narrower = problems(replacing: "crisis", "simplicity", with: [
            MiniRules.response("crisis-simplicity-repeat", "crisis", "simplicity", when: #"{ signals: ["repeat"], channel: ["phone"] }"#),
            MiniRules.response("crisis-simplicity-hopping", "crisis", "simplicity", when: #"{ signals: ["hopping"] }"#),
        ])
        #expect(narrower.map(\.kind) == [.conditionalCell(.crisis, .simplicity, raisedBy: ["repeat"], unless: ["channel phone, signals repeat", "signals hopping"], milder: .init(.elevated, "elevated-simplicity"))])
    }

    @Test("a cell no case can reach, and a cell with a default beside conditional responses, are clean")
    func clean() {
        // Everyday puts only simplicity at stake, and nothing raises empathy.
        #expect(problems(replacing: "everyday", "empathy", with: [MiniRules.response("everyday-empathy-loyal", "everyday", "empathy", when: #"{ segment: ["long-time"] }"#)]).isEmpty)
        let withDefault = RulesLoader.load(MiniRules.text(extra: [MiniRules.response("crisis-empathy-loyal", "crisis", "empathy", when: #"{ segment: ["long-time"] }"#)]))
        #expect(withDefault.problems.isEmpty)
    }

    @Test("the default rules have an unconditional response wherever a case can land")
    func defaultRules() {
        #expect(RulesLinter.conditionalCells(RulesLoader.load(DefaultRules.source).rules!).isEmpty)
    }
}
