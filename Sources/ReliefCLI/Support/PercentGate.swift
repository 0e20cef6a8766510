import ReliefEngine

/// A threshold given as a percentage (`--min-agreement 85`, `--min-coverage 90%`): the value to
/// compare, and the text as typed, which a failed gate quotes back.
struct PercentGate: Equatable {
    var value: Double
    var written: String

    /// The gate `--option` sets, or nil when it is not given; anything but 0 to 100 is refused.
    static func parse(_ args: ParsedArguments, _ option: String, command: String) throws(CLIError) -> PercentGate? {
        guard let text = args.value(option) else { return nil }
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = Double(number), value >= 0, value <= 100 else {
            throw .usage("--\(option) must be a percentage from 0 to 100, found '\(text)'", command: command)
        }
        return PercentGate(value: value, written: text)
    }
}
