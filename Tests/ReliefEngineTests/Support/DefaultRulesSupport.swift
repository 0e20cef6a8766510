import Foundation
import Testing
@testable import ReliefEngine

/// The embedded default rules and the fixture cases, loaded the way several suites need them.
enum DefaultRulesSupport {
    /// A classifier over the rules compiled into the binary.
    static func classifier() throws -> Classifier {
        Classifier(rules: try #require(RulesLoader.load(DefaultRules.source).rules))
    }

    /// The fixture case in `Fixtures/cases/<file>`.
    static func fixtureCase(_ file: String) throws -> SupportCase {
        try CaseDecoder.decode(try JSONParser.parse(Array(try Data(contentsOf: FixtureCaseTests.directory.appendingPathComponent(file)))))
    }
}
