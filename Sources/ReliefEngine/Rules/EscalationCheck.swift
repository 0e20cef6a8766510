/// Escalation must never weaken the playbook: a customer whose case grows more intense must
/// get at least what a milder case gets. `rules check` warns where a rules file breaks that,
/// with the place to fix: a longer target or cadence than a milder situation's, a response due
/// after its situation's target, and (in the conditional-cell warning) an expectation a milder
/// situation always answers that a more intense one answers only under conditions.
///
/// Intensity is the order of `precedence` (most intense first), the same order that decides
/// which situation leads.
enum EscalationCheck {
    static func run(_ rules: RuleSet) -> [RulesProblem] {
        var problems: [RulesProblem] = []
        let order = rules.precedence
        for (rank, intense) in order.enumerated() {
            guard let strong = rules.situations[intense] else { continue }
            for milder in order[(rank + 1)...] {
                guard let mild = rules.situations[milder] else { continue }
                problems += targets(intense, strong, milder, mild)
            }
        }
        problems += withins(rules)
        return problems
    }

    /// A more intense situation with a longer first-response target or update cadence than a
    /// milder one, or with no cadence where a milder one has one.
    private static func targets(_ intense: Situation, _ strong: SituationRules, _ milder: Situation, _ mild: SituationRules) -> [RulesProblem] {
        var problems: [RulesProblem] = []
        let path = "situations." + intense.rawValue
        if strong.firstResponse.seconds > mild.firstResponse.seconds {
            problems.append(RulesProblem(
                .slowerThanMilder(intense, key: "firstResponse", value: strong.firstResponse.text, milder: milder, milderValue: mild.firstResponse.text),
                at: strong.positions.firstResponse ?? strong.positions.situation, field: path + ".firstResponse"))
        }
        if let mildCadence = mild.updateEvery {
            if let cadence = strong.updateEvery {
                if cadence.seconds > mildCadence.seconds {
                    problems.append(RulesProblem(
                        .slowerThanMilder(intense, key: "updateEvery", value: cadence.text, milder: milder, milderValue: mildCadence.text),
                        at: strong.positions.updateEvery ?? strong.positions.situation, field: path + ".updateEvery"))
                }
            } else {
                problems.append(RulesProblem(
                    .cadenceMissing(intense, milder: milder, milderValue: mildCadence.text),
                    at: strong.positions.situation, field: path + ".updateEvery"))
            }
        }
        return problems
    }

    /// The nearest milder situation that answers `cell`'s expectation in every case (a response
    /// without conditions), when `cell` itself does not: the conditional-cell warning then says a
    /// case that escalates can get less than before, rather than a second warning saying so.
    static func milderCover(_ cell: Cell, _ rules: RuleSet) -> RulesProblem.MilderCover? {
        func unconditional(_ situation: Situation) -> Response? {
            (rules.cells[Cell(situation, cell.expectation)] ?? []).lazy.map { rules.responses[$0] }.first { $0.specificity == 0 }
        }
        guard unconditional(cell.situation) == nil, let rank = rules.precedence.firstIndex(of: cell.situation) else { return nil }
        for milder in rules.precedence[(rank + 1)...] {
            if let response = unconditional(milder) { return RulesProblem.MilderCover(milder, response.id) }
        }
        return nil
    }

    /// A response whose `within` is longer than its situation's first-response target: the first
    /// reply would come without it.
    private static func withins(_ rules: RuleSet) -> [RulesProblem] {
        var problems: [RulesProblem] = []
        for (index, response) in rules.responses.enumerated() {
            guard let target = rules.situations[response.cell.situation]?.firstResponse, response.within.seconds > target.seconds else { continue }
            problems.append(RulesProblem(
                .withinLongerThanTarget(response: response.id, within: response.within.text, situation: response.cell.situation, target: target.text),
                at: response.withinPosition ?? response.position, field: "responses[\(index)].within"))
        }
        return problems
    }
}
