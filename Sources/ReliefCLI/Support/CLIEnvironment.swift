import Foundation
import ReliefEngine

/// Everything the CLI takes from the outside world, passed in so tests can supply their own:
/// standard streams, environment variables, the clock and whether the streams are terminals.
public struct CLIEnvironment: @unchecked Sendable {
    /// Reads up to `maxLength` bytes of standard input; an empty result means end of input.
    public var readStdin: (_ maxLength: Int) -> [UInt8]
    /// Whether standard input has bytes, or its end, ready now: `readStdin` would not wait.
    /// The stream fills a batch while this holds and answers what it has before a read that
    /// would wait, so an agent writing one line at a time is answered line by line. When in
    /// doubt, false: batches are then smaller, but no answer is ever held back.
    public var stdinIsReady: () -> Bool
    public var stdout: OutputSink
    public var stderr: OutputSink
    public var variables: [String: String]
    public var now: @Sendable () -> Date
    public var stdoutIsTerminal: Bool
    public var stderrIsTerminal: Bool
    public var currentDirectory: String
    /// The terminal's width in columns, when standard output is one and it says.
    public var stdoutColumns: Int?

    public init(
        readStdin: @escaping (Int) -> [UInt8], stdinIsReady: @escaping () -> Bool = { false },
        stdout: OutputSink, stderr: OutputSink,
        variables: [String: String], now: @escaping @Sendable () -> Date,
        stdoutIsTerminal: Bool, stderrIsTerminal: Bool, currentDirectory: String, stdoutColumns: Int? = nil
    ) {
        self.readStdin = readStdin
        self.stdinIsReady = stdinIsReady
        self.stdout = stdout
        self.stderr = stderr
        self.variables = variables
        self.now = now
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
        self.currentDirectory = currentDirectory
        self.stdoutColumns = stdoutColumns
    }

    /// The real process: file descriptors 0, 1, 2, the process environment and the system clock.
    public static func process() -> CLIEnvironment {
        CLIEnvironment(
            readStdin: { max in
                while true {
                    var failed = false
                    let bytes = [UInt8](unsafeUninitializedCapacity: max) { buffer, count in
                        let n = read(0, buffer.baseAddress, max)
                        failed = n < 0 && errno == EINTR
                        count = Swift.max(n, 0)
                    }
                    if !failed { return bytes }
                }
            },
            stdinIsReady: {
                // A regular file is always ready; a pipe or terminal only when a write is waiting.
                // An error, or a descriptor poll cannot watch, counts as not ready: that only
                // makes a batch smaller, never leaves an answer waiting.
                var request = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
                return poll(&request, 1, 0) > 0 && request.revents & Int16(POLLNVAL) == 0
            },
            stdout: OutputSink(fileDescriptor: 1),
            stderr: OutputSink(fileDescriptor: 2),
            variables: ProcessInfo.processInfo.environment,
            now: { Date() },
            stdoutIsTerminal: isatty(1) == 1,
            stderrIsTerminal: isatty(2) == 1,
            currentDirectory: FileManager.default.currentDirectoryPath,
            stdoutColumns: terminalColumns(1))
    }

    /// The width of the terminal on `fd`, or nil when it is not a terminal or does not say.
    static func terminalColumns(_ fd: Int32) -> Int? {
        var size = winsize()
        let status = withUnsafeMutablePointer(to: &size) { ioctl(fd, UInt(TIOCGWINSZ), $0) }
        return status == 0 && size.ws_col > 0 ? Int(size.ws_col) : nil
    }

    /// How wide text for standard output may be: nil when it is not a terminal (a pipe or a
    /// file gets whole lines); else `COLUMNS` when set, else the terminal's own width, else 80.
    public var screenWidth: Int? {
        guard stdoutIsTerminal else { return nil }
        if let text = variables["COLUMNS"], let n = Int(text), n > 0 { return n }
        return stdoutColumns ?? 80
    }

    /// The account name of the process's user from the password database, else its uid.
    public var accountName: () -> String = {
        let uid = geteuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(uid)"
    }

    /// A note on standard error: something the user should know that is not an error and does
    /// not change the exit status. Control characters from the input are shown, not obeyed.
    public func note(_ text: String) {
        report(Diagnostic(.note, message: text))
    }

    /// A diagnostic on standard error, worded the one way (see `Diagnostic`). Control characters
    /// from the input are shown, not obeyed.
    public func report(_ diagnostic: Diagnostic) {
        stderr.write(VisibleText.escape(diagnostic.description) + "\n")
    }

    /// Every diagnostic of an error, one per line.
    public func report(_ error: CLIError) {
        for diagnostic in error.diagnostics { report(diagnostic) }
    }

    /// Colour only on a terminal, never with NO_COLOR set or TERM=dumb.
    public func style(forStdout: Bool = true) -> TextStyle {
        let terminal = forStdout ? stdoutIsTerminal : stderrIsTerminal
        if !terminal || variables["NO_COLOR"] != nil || variables["TERM"] == "dumb" { return .plain }
        return .ansi
    }

    /// Reads all of standard input.
    public func readAllStdin() -> [UInt8] {
        var all: [UInt8] = []
        while true {
            let chunk = readStdin(1 << 16)
            if chunk.isEmpty { return all }
            all.append(contentsOf: chunk)
        }
    }

    /// A path as given, made absolute against the current directory.
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/"), let home = variables["HOME"] { return home + path.dropFirst(1) }
        return currentDirectory + "/" + path
    }
}

/// A buffered text output: a file descriptor, or memory for tests.
public final class OutputSink: @unchecked Sendable {
    private var buffer: [UInt8] = []
    private let fd: Int32?
    private let lock = NSLock()
    /// Everything written, for a memory sink.
    public private(set) var captured: [UInt8] = []
    /// Set when a write to the descriptor failed (a closed pipe, a full disk).
    public private(set) var failed = false
    /// True when the failure was a closed pipe (the reader went away, as `head` does).
    public private(set) var brokenPipe = false

    public init(fileDescriptor: Int32) { fd = fileDescriptor }
    public init() { fd = nil }

    public func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flushLocked() }
    }

    /// Writes a large block of bytes (a batch of lines) after what is buffered, without
    /// copying it into the buffer first.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        lock.lock()
        defer { lock.unlock() }
        if bytes.count < 1 << 16 {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 16 { flushLocked() }
            return
        }
        flushLocked()
        guard let fd else {
            captured.append(contentsOf: bytes)
            return
        }
        writeAll(fd, bytes)
    }

    public func flush() {
        lock.lock()
        defer { lock.unlock() }
        flushLocked()
    }

    private func flushLocked() {
        guard !buffer.isEmpty else { return }
        guard let fd else {
            captured.append(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
            return
        }
        buffer.withUnsafeBytes { writeAll(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes all of `bytes` to `fd`, or marks the sink failed. After a failure nothing more is
    /// written, so the output never goes on after a gap.
    private func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) {
        if failed { return }
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                brokenPipe = errno == EPIPE
                failed = true
                return
            }
            offset += n
        }
    }

    /// The captured text of a memory sink.
    public var text: String {
        flush()
        return String(decoding: captured, as: UTF8.self)
    }
}
