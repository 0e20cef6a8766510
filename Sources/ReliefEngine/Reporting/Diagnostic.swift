/// One message for a person about something that went wrong or deserves a look, and the one
/// way every such message is worded, so that editors and `grep` find the place the same way
/// for rules, cases, labels and exports alike:
///
///     file:line:column: error: message [field]
///     relief: error: message
///
/// The second form is for messages with no place in a file (a usage slip, a file that is missing).
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, CaseIterable {
        case error, warning, note
    }

    public var severity: Severity
    /// The file as the reader named it; nil when the message is about no file.
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// The field the message is about, such as `events[2].at` or `signals[3].text.et[2]`.
    public var field: String?
    public var message: String

    public init(_ severity: Severity = .error, file: String? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public init(_ severity: Severity = .error, file: String, position: SourcePosition?, field: String? = nil, message: String) {
        self.init(severity, file: file, line: position?.line, column: position?.column, field: field, message: message)
    }

    public var description: String {
        var place = "relief"
        if let file {
            place = file
            if let line {
                place += ":\(line)"
                if let column { place += ":\(column)" }
            }
        }
        let field = field.map { $0.isEmpty ? "" : " [\($0)]" } ?? ""
        return "\(place): \(severity.rawValue): \(message)\(field)"
    }
}
