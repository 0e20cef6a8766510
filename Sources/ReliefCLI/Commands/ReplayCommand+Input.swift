import Foundation
import ReliefEngine

/// Reading replay input: files and standard input in chunks, never whole, so memory stays flat.
extension ReplayCommand {
    /// How a file's contents are read.
    enum InputFormat: String, CaseIterable {
        case jsonl, csv
    }

    /// A byte stream read in chunks: a file descriptor or standard input, with the bytes peeked
    /// to detect the format handed out first.
    final class ChunkSource {
        private let readChunk: (Int) -> [UInt8]
        private var peeked: [UInt8] = []
        private let close: () -> Void

        init(read: @escaping (Int) -> [UInt8], close: @escaping () -> Void = {}) {
            readChunk = read
            self.close = close
        }

        /// Opens `path` (`-` is standard input). The existence of files is checked before any is read.
        static func open(_ path: String, _ env: CLIEnvironment) throws(CLIError) -> ChunkSource {
            if path == "-" { return ChunkSource(read: env.readStdin) }
            let fd = Foundation.open(env.resolve(path), O_RDONLY)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                if errno == ENOENT { throw .fileNotFound(path: path) }
                throw .cannotRead(path: path, reason: reason)
            }
            return ChunkSource(read: { max in
                var buffer = [UInt8](repeating: 0, count: max)
                while true {
                    let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, max) }
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { return [] }
                    buffer.removeSubrange(n...)
                    return buffer
                }
            }, close: { _ = Foundation.close(fd) })
        }

        func read(_ max: Int) -> [UInt8] {
            if !peeked.isEmpty {
                defer { peeked = [] }
                return peeked
            }
            return readChunk(max)
        }

        /// The format by the first byte that is not white space or a byte-order mark:
        /// `{` is JSON Lines, anything else CSV. The bytes read stay in the stream.
        func sniff() -> InputFormat {
            while true {
                let chunk = readChunk(1 << 16)
                if chunk.isEmpty { return .jsonl }
                peeked.append(contentsOf: chunk)
                var start = 0
                if peeked.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
                if let first = peeked[start...].first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
                    return first == UInt8(ascii: "{") ? .jsonl : .csv
                }
            }
        }

        deinit { close() }
    }

    /// The format a file is read in: `--input`, else by extension, else by its first byte.
    static func format(of path: String, source: ChunkSource, forced: InputFormat?) -> InputFormat {
        if let forced { return forced }
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") { return .jsonl }
        return source.sniff()
    }

    /// Checks that every file exists and is a readable file before anything is replayed, so a
    /// typo in the last path fails at once rather than after the rest.
    static func checkInputs(_ paths: [String], _ env: CLIEnvironment) throws(CLIError) {
        for path in paths where path != "-" {
            var isDirectory: ObjCBool = false
            let full = env.resolve(path)
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { throw .fileNotFound(path: path) }
            if isDirectory.boolValue { throw .cannotRead(path: path, reason: "it is a directory") }
            guard FileManager.default.isReadableFile(atPath: full) else { throw .cannotRead(path: path, reason: "permission denied") }
        }
    }
}

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
