import Foundation
import Testing
@testable import ReliefEngine

/// The rules that ship in the binary, held to what the team promised of them.
@Suite("The default rules")
struct DefaultRulesTests {
    let outcome = RulesLoader.load(DefaultRules.source)

    @Test("are embedded byte for byte, so the digest in an audit log is the file's sha256sum")
    func embeddedExactly() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appending(path: "Rules/default.json5")
        let bytes = try Data(contentsOf: file)
        #expect(Array(DefaultRules.source.utf8) == Array(bytes))
        #expect(SHA256.hexDigest(DefaultRules.source) == SHA256.hexDigest(Array(bytes)))
    }

    @Test("load with no errors and no warnings")
    func clean() {
        #expect(outcome.problems.isEmpty, "\(outcome.problems.map { $0.formatted(file: "Rules/default.json5") })")
    }

    @Test("every signal's examples pass, and every text signal has examples in each language, Russian included")
    func examples() throws {
        let rules = try #require(outcome.rules)
        let failures = SignalExampleCheck.run(rules)
        #expect(failures.isEmpty, "\(failures.map { $0.formatted(file: "Rules/default.json5") }.joined(separator: "\n"))")
        for signal in rules.signals {
            if case .text = signal.detector {
                for language in rules.languages.indices {
                    #expect(signal.examples.match.contains { $0.language == language }, "\(signal.id) lacks a match example in \(rules.languages[language])")
                    #expect(signal.examples.noMatch.contains { $0.language == language }, "\(signal.id) lacks a noMatch example in \(rules.languages[language])")
                }
            }
        }
    }

    @Test("at least 20 signals and 150 text terms per language")
    func size() throws {
        let rules = try #require(outcome.rules)
        #expect(rules.signals.count >= 20)
        for language in rules.languages.indices {
            #expect(rules.termLanguage.filter { $0 == language }.count >= 150, "\(rules.languages[language])")
        }
    }

    @Test("every one of the 24 cells has a default response, worded in both languages")
    func cells() throws {
        let rules = try #require(outcome.rules)
        for cell in Cell.all {
            let ids = rules.cells[cell] ?? []
            #expect(ids.contains { rules.responses[$0].specificity == 0 }, "\(cell.situation) × \(cell.expectation) has no default")
            for id in ids {
                let r = rules.responses[id]
                #expect(r.say.values.allSatisfy { !$0.isEmpty } && r.actions.values.allSatisfy { !$0.isEmpty })
            }
        }
    }

    @Test("the precedence follows the domain: crisis, elevated, unexpected, everyday")
    func precedence() throws {
        let rules = try #require(outcome.rules)
        #expect(rules.precedence == [.crisis, .elevated, .unexpected, .everyday])
    }
}
