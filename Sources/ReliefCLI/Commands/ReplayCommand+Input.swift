import Foundation
import ReliefEngine

/// Where the report goes: standard output, or a temporary file renamed into place at the end,
/// so a failed run never leaves half a report at `--out`. A device or a pipe given as `--out`
/// (`/dev/null`, a FIFO) is written directly.
final class ReplayOutput {
    let sink: OutputSink
    private let path: String?
    /// Where a file report is written first, then moved to `target`; nil when writing in place.
    private let temporary: String?
    private var target: String?
    private let fd: Int32?
    private var closed = false

    init(stdout: OutputSink) {
        sink = stdout
        path = nil
        temporary = nil
        fd = nil
    }

    init(path: String, _ env: CLIEnvironment) throws(CLIError) {
        var full = env.resolve(path)
        var info = stat()
        if stat(full, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            if kind != S_IFREG && kind != S_IFDIR {
                // A device or a pipe (/dev/null, /dev/stdout, a FIFO), also behind a link, is
                // written in place: there is no file to replace, and renaming over it would put
                // a plain file where the device was.
                let fd = Foundation.open(full, O_WRONLY)
                guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
                self.path = path
                temporary = nil
                self.fd = fd
                sink = OutputSink(fileDescriptor: fd)
                return
            }
        }
        if lstat(full, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK {
            // A link keeps pointing where it did: the file it names is the one replaced.
            guard let target = realpath(full, nil) else {
                throw .cannotWrite(path: path, reason: "it is a symbolic link to nothing")
            }
            full = String(cString: target)
            free(target)
        }
        let temporary = full + ".relief-\(getpid()).tmp"
        let fd = Foundation.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        self.path = path
        self.temporary = temporary
        self.fd = fd
        self.target = full
        sink = OutputSink(fileDescriptor: fd)
    }

    var isFile: Bool { path != nil }

    /// Flushes, and for a file closes it and moves it into place.
    func commit(_ env: CLIEnvironment) throws(CLIError) {
        sink.flush()
        guard let path, let fd, !closed else {
            if sink.failed { throw .outputFailed }
            return
        }
        closed = true
        _ = Foundation.close(fd)
        if sink.failed {
            if let temporary { unlink(temporary) }
            throw .cannotWrite(path: path, reason: "writing failed")
        }
        guard let temporary, let target else { return }
        if rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    /// Removes a temporary file after a failure.
    func abandon() {
        guard let fd, !closed else { return }
        closed = true
        _ = Foundation.close(fd)
        if let temporary { unlink(temporary) }
    }
}
