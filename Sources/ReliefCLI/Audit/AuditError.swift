#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A failed file operation on an audit log, with the path and the operating system's reason.
///
/// The CLI stops on this error before printing advice, so nothing is shown that the
/// audit log did not record. The engine's own audit errors (`AuditChainError`) name no file;
/// the log file adds its path here.
struct AuditError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or directory the operation was about.
    var path: String
    /// What was being done, e.g. "cannot open the audit log for appending".
    var message: String
    /// The operating system's explanation (`strerror`), or a plain one when no call failed.
    var reason: String
    /// The `errno` value, when a system call failed.
    var code: Int32?

    init(path: String, message: String, reason: String, code: Int32? = nil) {
        self.path = path
        self.message = message
        self.reason = reason
        self.code = code
    }

    var description: String { "\(path): \(message): \(reason)" }

    /// An error for the system call that just failed, read from `errno`.
    static func system(_ message: String, path: String, code: Int32 = errno) -> AuditError {
        AuditError(path: path, message: message, reason: String(cString: strerror(code)), code: code)
    }

    /// Whether the failure means the file does not exist.
    var isNotFound: Bool { code == ENOENT }
}
