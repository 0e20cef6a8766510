import ReliefEngine

/// `--max-text`: the most bytes of one customer message that are read (default 1 MiB), and,
/// four times that, the longest input line. A longer message is read up to the limit and the
/// decision says so; a longer line of a stream or replay file is reported and skipped.
struct TextLimit {
    var messageBytes: Int
    var lineBytes: Int { messageBytes > Int.max / 4 ? Int.max : messageBytes * 4 }

    static let option = CommandSpec.Option.value(
        "max-text", "bytes",
        "Read at most this much of one message (default 1M; suffixes K and M); lines of more than four times this are skipped as errors.")

    static func parse(_ args: ParsedArguments, command: String) throws(CLIError) -> TextLimit {
        guard let text = args.value("max-text") else { return TextLimit(messageBytes: Classifier.defaultTextLimit) }
        let upper = text.uppercased()
        let suffix = String(upper.reversed().prefix(while: \.isLetter).reversed())
        let factors = ["": 1, "K": 1 << 10, "KB": 1 << 10, "KIB": 1 << 10, "M": 1 << 20, "MB": 1 << 20, "MIB": 1 << 20]
        let digits = upper.dropLast(suffix.count)
        let factor = factors[suffix] ?? 0
        guard factor > 0, let n = Int(digits), n > 0, n <= Int.max / factor / 4 else {
            throw .usage("--max-text must be a positive size such as 1M, 512K or 100000, found '\(text)'", command: command)
        }
        return TextLimit(messageBytes: n * factor)
    }

    /// The error for a line over the limit.
    func lineError(file: String, line: Int, length: Int) -> CLIError {
        .badInput(file: file, line: line, field: nil, message: "the line is \(length) bytes, longer than the limit of \(lineBytes) (four times --max-text); it was skipped")
    }
}
