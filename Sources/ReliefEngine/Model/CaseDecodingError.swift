/// Why a case could not be read: which field, where, and what was wrong with it.
/// The file name is added by whoever read the file; the engine never sees files.
public struct CaseDecodingError: Error, Sendable, Equatable {
    /// A path such as `events[2].at` or `customer.tenureMonths`; empty for the whole case.
    public var field: String
    public var position: SourcePosition
    public var message: String

    public init(field: String, position: SourcePosition, message: String) {
        self.field = field
        self.position = position
        self.message = message
    }
}

/// Why the bytes of a case could not be read: not JSON at all, or JSON that is not a case.
public enum CaseReadError: Error, Sendable, Equatable {
    case syntax(JSONSyntaxError)
    case field(CaseDecodingError)
}
