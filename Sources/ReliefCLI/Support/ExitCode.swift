/// Exit statuses, following sysexits(3) where one fits, so scripts can tell a bad invocation
/// from bad data from a missing file.
public enum ExitCode: Int32, Sendable {
    case success = 0
    /// A check found problems (rules check, audit verify, replay coverage gate).
    case problemsFound = 1
    /// EX_USAGE: the command line was wrong.
    case usage = 64
    /// EX_DATAERR: an input file was malformed.
    case dataError = 65
    /// EX_NOINPUT: an input file did not exist or could not be read.
    case noInput = 66
    /// EX_SOFTWARE: an internal error that should never happen.
    case software = 70
    /// EX_CANTCREAT: an output file (such as the audit log) could not be written.
    case cannotCreate = 73
    /// EX_IOERR: reading or writing failed part-way.
    case ioError = 74
}
