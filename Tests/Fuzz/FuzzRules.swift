// FuzzRules: feeds arbitrary text to RulesLoader, as `relief rules check` and every command
// with `--rules` read a rules file. Beyond "no crash, no hang" it checks that
//   - the outcome is compiled rules or a list of problems, never neither: no rules means at
//     least one error, rules mean none; problems come in file order and each can be printed;
//   - rules that compile classify a few fixed cases (two languages, a history with a promise,
//     an override, with and without explanations), render as text and tables, and write each
//     decision as JSON that JSONParser reads back, the streamed bytes equal to the tree's.

import Foundation
@testable import ReliefEngine

private let now = ISO8601.parseTimestamp("2026-03-05T12:00:00Z")!

/// Cases every compiled rule set is tried on: words the seed rules know, in both of its
/// languages, and a history that exercises the history signals.
private let cases: [SupportCase] = {
    let history = #"""
    {"id":"H-1","openedAt":"2026-03-01T09:00:00Z","channel":"email","journey":"purchase","stage":"after",
     "customer":{"id":"C-1","name":"Mari","segment":"long-time","language":"et","tenureMonths":72},
     "attributes":{"orderValue":1200,"vip":true},
     "events":[{"at":"2026-03-01T09:00:00Z","from":"customer","text":"Pesumasin on katki, lähen kohtusse"},
               {"at":"2026-03-01T10:00:00Z","from":"agent","text":"Helistame","promise":{"due":"2026-03-02T09:00:00Z","what":"helistada"}},
               {"at":"2026-03-02T09:00:00Z","status":"resolved"},
               {"at":"2026-03-03T09:00:00Z","channel":"phone","text":"Ikka katki! mari@example.com 5123 4567"}]}
    """#
    return [
        SupportCase.quick(id: "Q-1", text: "My wedding dress arrived broken and my lawyer will call. Thanks for nothing.", channel: .social),
        SupportCase.quick(id: "Q-2", text: "Aitäh, pulmadeks tellitud kleit on katki ja see pole probleem", language: "et", openedAt: now),
        try! CaseDecoder.decode(JSONParser.parse(history)),
    ]
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: size > 0 ? data : nil, count: size), as: UTF8.self)
    let outcome = RulesLoader.load(text)

    fuzzCheck((outcome.rules == nil) == !outcome.errors.isEmpty,
              "rules \(outcome.rules == nil ? "missing" : "given") with \(outcome.errors.count) errors for \(shown(text))")
    let far = SourcePosition(line: Int.max, column: 0)
    for (a, b) in zip(outcome.problems, outcome.problems.dropFirst()) {
        fuzzCheck(!((b.position ?? far) < (a.position ?? far)), "problems out of file order: \(a.formatted(file: "f")) before \(b.formatted(file: "f"))")
    }
    for problem in outcome.problems {
        fuzzCheck(!problem.message.isEmpty && !problem.formatted(file: "rules.json5").isEmpty, "a problem without a message")
        if let position = problem.position {
            fuzzCheck(position.line >= 1 && position.column >= 1, "a problem at \(position): \(problem.message)")
        }
    }
    guard let rules = outcome.rules else { return 0 }

    for language in rules.languages.indices {
        _ = RulesMatrix.text(rules, language: language)
        _ = RulesMatrix.markdown(rules, language: language)
    }
    let classifier = Classifier(rules: rules)
    for (index, supportCase) in cases.enumerated() {
        let override: (Situation, String)? = index == 2 ? (.crisis, "called twice, crying") : nil
        for explain in [false, true] {
            let decision = classifier.classify(supportCase, now: now, explain: explain, override: override)
            check(decision, of: supportCase)
        }
    }
    return 0
}

private func check(_ d: Decision, of supportCase: SupportCase) {
    fuzzCheck(d.caseId == supportCase.id, "decision for \(d.caseId), case \(supportCase.id)")
    let atStake = Set(d.expectations)
    let covered = Set(d.responses.map(\.expectation))
    fuzzCheck(covered.isSubset(of: atStake), "responses for expectations not at stake: \(covered) / \(atStake)")
    fuzzCheck(Set(d.uncovered).isSubset(of: atStake) && covered.isDisjoint(with: d.uncovered),
              "uncovered \(d.uncovered) against at stake \(atStake) and covered \(covered)")
    fuzzCheck(d.fallback == d.situations.isEmpty, "fallback \(d.fallback) with \(d.situations.count) situations")
    _ = DecisionText.render(d)

    var streamed: [UInt8] = []
    DecisionJSON.write(d, into: &streamed)
    guard let node = try? JSONParser.parse(streamed) else {
        fuzzCheck(false, "JSONParser refuses the decision \(shown(streamed))")
        return
    }
    fuzzCheck(node["caseId"]?.stringValue == d.caseId, "the decision's caseId does not read back")
}
