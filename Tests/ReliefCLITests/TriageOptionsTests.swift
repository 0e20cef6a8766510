import Foundation
import Testing
@testable import ReliefCLI
@testable import ReliefEngine

@Suite("Triage options, read once")
struct TriageOptionsTests {
    func parse(_ arguments: [String]) throws(CLIError) -> TriageOptions {
        try TriageOptions.parse(try ParsedArguments.parse(arguments, spec: TriageCommand.spec), command: TriageCommand.spec.name)
    }


    @Test("a message on the command line carries its typed description")
    func quickText() throws {
        let options = try parse(["--text", "Arve on vale", "--channel", "Phone", "--journey", "complaint", "--lang", "et", "--json"])
        guard case .text(let quick) = options.input else { Issue.record("not --text: \(options.input)"); return }
        #expect(quick.channel == .phone)
        #expect(quick.journey == .complaint)
        #expect(quick.language == "et")
        #expect(quick.id == nil)
        // The digest of the input is taken over the options as typed.
        #expect(quick.described["channel"] == .string("Phone"))
        #expect(options.json)
        #expect(options.now == nil)
    }

    @Test("one input: a file, standard input, text or the stream")
    func inputs() throws {
        guard case .file("case.json") = try parse(["case.json"]).input else { Issue.record("file"); return }
        guard case .file("-") = try parse(["-"]).input else { Issue.record("stdin"); return }
        guard case .stream = try parse(["--stream"]).input else { Issue.record("stream"); return }
        #expect(usageMessage(parse, []) == "give a case file, '-' for standard input, --text \"...\", or --stream")
        #expect(usageMessage(parse, ["case.json", "--stream"]) == "give only one input; found file and stream")
        #expect(usageMessage(parse, ["--text", "  "]) == "--text needs the customer's words; it is empty")
        #expect(usageMessage(parse, ["case.json", "--channel", "phone"]) == "'--channel' only goes with --text")
    }

    @Test("--format json is --json, as the report commands spell it; text is the default")
    func format() throws {
        #expect(try parse(["--stream", "--format", "json"]).json)
        #expect(try parse(["--stream", "--format", "JSON"]).json)
        #expect(try parse(["--stream", "--json"]).json)
        #expect(try !parse(["--stream", "--format", "text"]).json)
        #expect(try !parse(["--stream"]).json)
        #expect(usageMessage(parse, ["--stream", "--format", "text", "--json"]) == "--json and --format text ask for different output; give one")
        #expect(usageMessage(parse, ["--stream", "--format", "markdown"])?.hasPrefix("unknown value 'markdown' for --format; expected text or json") == true)
    }

    @Test("values come from the enums, and a wrong one names them all")
    func choices() {
        #expect(usageMessage(parse, ["--text", "hi", "--channel", "fax"])?.hasPrefix("unknown value 'fax' for --channel; expected " + CommandSpec.either(Channel.allCases.map(\.rawValue))) == true)
        #expect(TriageCommand.spec.help.contains(CommandSpec.either(Journey.allCases.map(\.rawValue))))
    }

    @Test("an override needs its reason, and a reason its override; --now is a time")
    func overrideAndNow() throws {
        let options = try parse(["--stream", "--override", "Crisis", "--reason", "known outage", "--now", "2026-03-01T09:00:00Z"])
        #expect(options.override?.situation == .crisis)
        #expect(options.override?.reason == "known outage")
        #expect(options.now == ISO8601.parseTimestamp("2026-03-01T09:00:00Z"))
        #expect(usageMessage(parse, ["--stream", "--override", "crisis"]) == "--override needs --reason \"...\" saying why")
        #expect(usageMessage(parse, ["--stream", "--reason", "x"]) == "--reason only goes with --override")
        #expect(usageMessage(parse, ["--stream", "--now", "yesterday"]) == "--now must be an ISO 8601 time such as 2026-03-01T09:00:00Z")
    }
}
