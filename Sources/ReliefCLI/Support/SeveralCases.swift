import ReliefEngine

/// Tells a file of several cases, one JSON object per line (JSON Lines, as exports and
/// `replay` use), from one broken case: `triage` reads one case, and a user who hands it an
/// export should hear what the file is and which command reads it, not "found '{'".
enum SeveralCases {
    /// The line where the second case starts, when the first line that is not blank is a whole
    /// JSON object and a later line starts another; nil for anything else.
    static func secondCaseLine(in bytes: [UInt8]) -> Int? {
        var sawFirst = false
        var number = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            guard let start = line.firstIndex(where: { !isSpace($0) }) else { continue }
            if sawFirst { return line[start] == UInt8(ascii: "{") ? number : nil }
            guard case .object? = (try? JSONParser.parse(Array(line)))?.value else { return nil }
            sawFirst = true
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }
}
