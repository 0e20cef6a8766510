/// Warnings about a rules file that loads but would serve people badly: cells with no advice,
/// responses that can never be chosen, signals nothing uses, signals without examples, and a
/// playbook that gets weaker as a case gets more intense (`EscalationCheck`).
enum RulesLinter {
    /// The longest chain of nested prefix terms (`vahet*` ⊂ `vaheta*` ⊂ `vahetami*`) that passes
    /// without a warning. The default rules' longest is 5.
    static let prefixChainLimit = 8

    static func lint(_ rules: RuleSet) -> [RulesProblem] {
        var problems: [RulesProblem] = []
        if let (chain, signal) = longestPrefixChain(rules), chain.count > prefixChainLimit {
            problems.append(RulesProblem(.prefixChain(chain: chain, signal: rules.signals[signal].id), at: rules.signals[signal].position, field: "signals"))
        }
        for cell in Cell.all where rules.cells[cell, default: []].isEmpty {
            problems.append(RulesProblem(.emptyCell(cell.situation, cell.expectation), at: nil, field: "responses"))
        }
        problems += conditionalCells(rules)
        // A response can never win when an earlier-ranked response of its cell matches every case
        // it matches. Under most-specific that needs equal specificity (coverage implies no more).
        for indexes in rules.cells.values {
            for (rank, index) in indexes.enumerated() {
                let response = rules.responses[index]
                for betterIndex in indexes[..<rank] {
                    let better = rules.responses[betterIndex]
                    let beats = rules.hitPolicy == .first || better.specificity == response.specificity
                    if beats && response.isCovered(by: better) {
                        problems.append(RulesProblem(.unreachableResponse(id: response.id, beatenBy: better.id), at: response.position, field: "responses"))
                        break
                    }
                }
            }
        }
        var used = Set<Int>()
        for situation in rules.situations.values {
            for rule in situation.rules {
                var ids: [Int] = []
                rule.when.signals(into: &ids)
                used.formUnion(ids)
            }
        }
        for expectation in rules.expectations.values { used.formUnion(expectation.raisedBy) }
        for response in rules.responses { used.formUnion(response.signals) }
        for (index, signal) in rules.signals.enumerated() {
            if !used.contains(index) {
                problems.append(RulesProblem(.unusedSignal(signal.id), at: signal.position, field: "signals"))
            }
            switch signal.detector {
            case .text, .weighted:
                let languages = Set(signal.detector.terms.map { rules.termLanguage[$0] }).sorted()
                for language in languages {
                    let code = rules.languages[language]
                    if !signal.examples.match.contains(where: { $0.language == language }) {
                        problems.append(RulesProblem(.missingExample(signal: signal.id, what: "'match' (\(code))"), at: signal.position, field: "signals"))
                    }
                    if !signal.examples.noMatch.contains(where: { $0.language == language }) {
                        problems.append(RulesProblem(.missingExample(signal: signal.id, what: "'noMatch' (\(code))"), at: signal.position, field: "signals"))
                    }
                }
            case .field, .history:
                if signal.examples.matchCases.isEmpty {
                    problems.append(RulesProblem(.missingExample(signal: signal.id, what: "'matchCases'"), at: signal.position, field: "signals"))
                }
                if signal.examples.noMatchCases.isEmpty {
                    problems.append(RulesProblem(.missingExample(signal: signal.id, what: "'noMatchCases'"), at: signal.position, field: "signals"))
                }
            }
        }
        problems += EscalationCheck.run(rules)
        return problems
    }

    /// The longest run of distinct prefix words each starting with the one before, over every
    /// term of every signal (they share one matcher), with the signal of its last word. Sorted,
    /// the words of a chain are a path of a prefix tree, walked with a stack: O(n log n).
    static func longestPrefixChain(_ rules: RuleSet) -> (chain: [String], signal: Int)? {
        var prefixes: [String: Int] = [:]
        for (index, term) in rules.matcher.terms.enumerated() {
            for word in term.words where word.isPrefix && prefixes[word.text] == nil { prefixes[word.text] = rules.termSignal[index] }
        }
        var best: [String] = []
        var stack: [String] = []
        for word in prefixes.keys.sorted() {
            while let top = stack.last, !word.hasPrefix(top) { stack.removeLast() }
            stack.append(word)
            if stack.count > best.count { best = stack }
        }
        guard let last = best.last else { return nil }
        return (best, prefixes[last]!)
    }

    /// Cells whose every response has conditions, so that a case with the expectation at stake
    /// can meet none of them: replay finds those steps uncovered, and `check` should say so first.
    /// A cell the situation does not put at stake is reached only through its expectation's
    /// `raisedBy` signals; a raising signal that alone makes one of its responses apply closes
    /// that way in. A cell no case can reach is left alone.
    static func conditionalCells(_ rules: RuleSet) -> [RulesProblem] {
        var problems: [RulesProblem] = []
        for cell in Cell.all {
            let ids = rules.cells[cell, default: []]
            guard !ids.isEmpty, !ids.contains(where: { rules.responses[$0].specificity == 0 }) else { continue }
            var raisedBy: [String] = []
            if rules.situations[cell.situation]?.expectations.contains(cell.expectation) != true {
                let open = (rules.expectations[cell.expectation]?.raisedBy ?? []).filter { signal in
                    !ids.contains { rules.responses[$0].conditions(in: rules) == [ResponseCondition(key: .signals, values: [rules.signals[signal].id])] }
                }
                guard !open.isEmpty else { continue }
                raisedBy = open.map { rules.signals[$0].id }
            }
            let unless = ids.map { index in
                rules.responses[index].conditions(in: rules).map { $0.text(keyName: $0.key.rawValue) }.joined(separator: ", ")
            }
            let first = ids.map { rules.responses[$0].position }.min()
            problems.append(RulesProblem(
                .conditionalCell(cell.situation, cell.expectation, raisedBy: raisedBy, unless: unless, milder: EscalationCheck.milderCover(cell, rules)),
                at: first, field: "responses"))
        }
        return problems
    }
}
