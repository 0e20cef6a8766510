import Testing
@testable import ReliefEngine

/// A more intense situation must never get a weaker playbook than a milder one. Each rule of
/// `EscalationCheck` (and the escalation part of the conditional-cell warning) is broken once
/// here, in the mini rules, and must be reported as a warning at the place to fix.
@Suite("Escalation never weakens the playbook (rules check)")
struct EscalationCheckTests {
    /// The problems of the mini rules after `edits`, with the 1-based line of `marker` in the edited text.
    func check(_ edits: [(String, String)], extra: [String] = [], marker: String) throws -> (problems: [RulesProblem], line: Int) {
        var source = MiniRules.text(extra: extra)
        for (old, new) in edits {
            #expect(source.contains(old), "the edit's anchor \(old) is not in the mini rules")
            source = source.replacingOccurrences(of: old, with: new)
        }
        let outcome = RulesLoader.load(source)
        #expect(outcome.rules != nil, "warnings only, never errors")
        let line = try #require(source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(marker) }) + 1
        return (outcome.problems, line)
    }

    @Test("the mini rules, which escalate properly, draw no escalation warning")
    func cleanRules() {
        #expect(RulesLoader.load(MiniRules.text()).problems.isEmpty)
    }

    @Test("a more intense situation with a longer first-response target than a milder one")
    func slowerFirstResponse() throws {
        // crisis PT15M becomes PT2H: longer than elevated's PT1H (not unexpected's PT4H).
        let (problems, line) = try check([(#"firstResponse: "PT15M","#, #"firstResponse: "PT2H","#)], marker: #"firstResponse: "PT2H""#)
        let slower = problems.filter { if case .slowerThanMilder = $0.kind { return true } else { return false } }
        #expect(slower.map(\.kind) == [.slowerThanMilder(.crisis, key: "firstResponse", value: "PT2H", milder: .elevated, milderValue: "PT1H")])
        let warning = try #require(slower.first)
        #expect(warning.severity == .warning)
        #expect(warning.field == "situations.crisis.firstResponse")
        #expect(warning.position?.line == line)
        #expect(warning.formatted(file: "team.json5").hasPrefix("team.json5:\(line):"))
        #expect(warning.message == "crisis has a longer first-response target (PT2H) than the milder elevated (PT1H): a more intense situation must never wait longer")
    }

    @Test("a more intense situation with a longer update cadence than a milder one")
    func slowerCadence() throws {
        let (problems, line) = try check([
            (#"firstResponse: "PT15M","#, #"firstResponse: "PT15M", updateEvery: "PT6H","#),
            (#"firstResponse: "PT1H","#, #"firstResponse: "PT1H", updateEvery: "PT4H","#),
        ], marker: #"updateEvery: "PT6H""#)
        #expect(problems.map(\.kind) == [.slowerThanMilder(.crisis, key: "updateEvery", value: "PT6H", milder: .elevated, milderValue: "PT4H")])
        #expect(problems.first?.position?.line == line)
        #expect(problems.first?.field == "situations.crisis.updateEvery")
        #expect(problems.first?.message.contains("longer update cadence (PT6H) than the milder elevated (PT4H)") == true)
    }

    @Test("a more intense situation without a cadence where a milder one has one")
    func missingCadence() throws {
        let (problems, line) = try check([(#"firstResponse: "PT1H","#, #"firstResponse: "PT1H", updateEvery: "PT4H","#)], marker: "crisis: {")
        #expect(problems.map(\.kind) == [.cadenceMissing(.crisis, milder: .elevated, milderValue: "PT4H")])
        #expect(problems.first?.position?.line == line, "pointed at the situation that lacks it")
        #expect(problems.first?.field == "situations.crisis.updateEvery")
    }

    @Test("an expectation a milder situation covers unconditionally, left to conditions in a more intense one: the conditional-cell warning says so")
    func uncoveredWhenMoreIntense() throws {
        // crisis × empathy keeps only a response for social-channel cases; elevated answers empathy always.
        let narrowed = MiniRules.response("crisis-empathy", "crisis", "empathy", when: #"{ channel: ["social"] }"#)
        let source = MiniRules.text().replacingOccurrences(of: MiniRules.response("crisis-empathy", "crisis", "empathy"), with: narrowed)
        #expect(source.contains(narrowed))
        let problems = RulesLoader.load(source).problems
        #expect(problems.count == 1, "one warning for the cell, not two")
        let warning = try #require(problems.first)
        guard case .conditionalCell(.crisis, .empathy, _, _, let milder) = warning.kind else {
            Issue.record("\(warning.kind)")
            return
        }
        #expect(milder == RulesProblem.MilderCover(.elevated, "elevated-empathy"), "the nearest milder situation that always answers")
        #expect(warning.message.contains("the milder elevated answers it in every case ('elevated-empathy'), so a case that becomes crisis can get less than before"))
        let line = source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(#"id: "crisis-empathy""#) }! + 1
        #expect(warning.position?.line == line, "at the cell's first response")

        // The mildest situation has no milder one to name: its conditional cell is only conditional.
        let lone = MiniRules.text().replacingOccurrences(of: MiniRules.response("everyday-simplicity", "everyday", "simplicity"), with: MiniRules.response("everyday-simplicity", "everyday", "simplicity", when: #"{ channel: ["social"] }"#))
        let kinds = RulesLoader.load(lone).problems.map(\.kind)
        #expect(kinds.count == 1)
        if case .conditionalCell(.everyday, .simplicity, _, _, let none)? = kinds.first { #expect(none == nil) } else { Issue.record("\(kinds)") }

        // With no response at all, the empty-cell warning says it once.
        let empty = MiniRules.text().replacingOccurrences(of: MiniRules.response("crisis-empathy", "crisis", "empathy"), with: "")
        #expect(RulesLoader.load(empty).problems.map(\.kind) == [.emptyCell(.crisis, .empathy)])
    }

    @Test("a response due later than its situation's first-response target")
    func withinLongerThanTarget() throws {
        let late = MiniRules.response("crisis-trust-late", "crisis", "trust", when: #"{ signals: ["court"] }"#, within: "PT2H")
        let (problems, line) = try check([], extra: [late], marker: #"within: "PT2H""#)
        #expect(problems.map(\.kind) == [.withinLongerThanTarget(response: "crisis-trust-late", within: "PT2H", situation: .crisis, target: "PT15M")])
        #expect(problems.first?.position?.line == line, "pointed at the response's within")
        #expect(problems.first?.field.hasSuffix("].within") == true)
        // As long as the target is fine.
        let onTime = MiniRules.response("crisis-trust-on-time", "crisis", "trust", when: #"{ signals: ["court"] }"#, within: "PT15M")
        #expect(RulesLoader.load(MiniRules.text(extra: [onTime])).problems.isEmpty)
    }
}
