/// Why a JSON or JSON5 text could not be read, and where: rules authors fix files by
/// `line:column`, so every syntax problem carries the place it was noticed.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A short, lower-case description that quotes what was found, e.g. `unterminated string`.
    public var message: String
    /// Where the problem is: 1-based line, and column counted in Unicode characters.
    public var position: SourcePosition

    public init(message: String, position: SourcePosition) {
        self.message = message
        self.position = position
    }

    /// `line:column: message`, ready to be prefixed with a file name.
    public var description: String { "\(position): \(message)" }
}
