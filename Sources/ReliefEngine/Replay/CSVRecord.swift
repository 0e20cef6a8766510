/// One record read from a CSV stream.
///
/// A malformed record is still delivered, with `error` set and `fields` holding what
/// could be read, so a replay can report the bad row and carry on with the rest of the file.
public struct CSVRecord: Sendable, Equatable {
    /// The fields in order, decoded as UTF-8 (a record with invalid bytes has `error` set).
    public var fields: [String]
    /// The 1-based physical line where the record starts.
    public var line: Int
    /// Set when the record is malformed; the first problem found in it.
    public var error: CSVError?

    public init(fields: [String], line: Int, error: CSVError? = nil) {
        self.fields = fields
        self.line = line
        self.error = error
    }
}

/// What was wrong with a CSV record, and on which physical line.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The 1-based physical line the problem is on (for an unterminated quote,
    /// the line where the quoted field started).
    public var line: Int
    /// The 1-based byte column, where the problem is a byte (invalid UTF-8).
    public var column: Int?

    public init(message: String, line: Int, column: Int? = nil) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": \(message)" }
}
