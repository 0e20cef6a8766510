import Foundation
import ReliefEngine

/// The rules a command runs with, and where they came from: `--rules`, then `RELIEF_RULES`,
/// then the rules embedded in the binary.
struct LoadedRules: Sendable {
    var rules: RuleSet
    /// The path as given, or `<default rules>`.
    var source: String
    /// SHA-256 of the file's bytes, recorded in the audit log.
    var digest: String

    static func load(option: String?, _ env: CLIEnvironment) throws(CLIError) -> LoadedRules {
        let path = option ?? env.variables["RELIEF_RULES"].flatMap { $0.isEmpty ? nil : $0 }
        let text: String
        let source: String
        if let path {
            source = FileInput.displayName(path)
            text = try FileInput.text(try FileInput.read(path, env), file: source)
        } else {
            source = DefaultRules.fileName
            text = DefaultRules.source
        }
        let outcome = RulesLoader.load(text)
        guard let rules = outcome.rules else { throw .badRules(file: source, problems: outcome.problems) }
        return LoadedRules(rules: rules, source: source, digest: SHA256.hexDigest(text))
    }

    /// The index of the language `--option` names; a language the rules do not speak is a usage
    /// error of `command` that lists the ones they do.
    func languageIndex(_ code: String, option: String, command: String) throws(CLIError) -> Int {
        guard let index = rules.languageIndex(code) else {
            throw .usage("unknown language '\(code)' for --\(option); the rules speak \(CommandSpec.either(rules.languages))" + didYouMean(code, in: rules.languages), command: command)
        }
        return index
    }
}
