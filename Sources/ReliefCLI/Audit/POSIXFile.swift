#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// File-scope wrappers, so methods named `read`, `write` and `open` below do not shadow the C calls.
func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }

/// An open file descriptor with the few POSIX calls the audit log needs. Every call retries
/// on `EINTR` and reports failure as an `AuditError`. This file is the only place that talks
/// to the C library for the log, so platform differences stay here.
final class POSIXFile {
    let descriptor: Int32
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { _ = systemClose(descriptor) }

    /// Opens for appending, creating the file with mode 0600 if needed. Also readable, so the
    /// tail can be checked and a torn line cut off under the same lock.
    static func openForAppending(_ path: String) throws -> POSIXFile {
        try open(path, flags: O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, mode: 0o600,
                 failure: "cannot open the audit log for appending")
    }

    /// Opens write-only for appending, creating the file with mode 0600 if needed.
    static func openForAppendingOnly(_ path: String, failure: String, followLinks: Bool = true) throws -> POSIXFile {
        try open(path, flags: O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW), mode: 0o600, failure: failure)
    }

    /// Opens an existing file read-only.
    static func openForReading(_ path: String) throws -> POSIXFile {
        try open(path, flags: O_RDONLY | O_CLOEXEC, mode: 0, failure: "cannot open the audit log for reading")
    }

    static func open(_ path: String, flags: Int32, mode: mode_t, failure: String) throws -> POSIXFile {
        while true {
            let fd = systemOpen(path, flags, mode)
            if fd >= 0 { return POSIXFile(descriptor: fd, path: path) }
            if errno == EINTR { continue }
            throw AuditError.system(failure, path: path)
        }
    }

    /// Blocks until this process holds the exclusive advisory lock on the file.
    /// Separate `open` calls get separate locks, so this excludes other threads too.
    func lockExclusively() throws {
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw AuditError.system("cannot lock the audit log", path: path)
        }
    }

    /// Releases the lock (closing the descriptor would too).
    func unlock() {
        while flock(descriptor, LOCK_UN) != 0 && errno == EINTR {}
    }

    func size() throws -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw AuditError.system("cannot read the size of the audit log", path: path)
        }
        return Int(info.st_size)
    }

    /// What `fstat` says about the open file that the log's safety rules look at.
    struct Status {
        var isRegularFile: Bool
        var owner: UInt32
        var processOwner: UInt32
        var permissions: Int
    }

    func status() throws -> Status {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw AuditError.system("cannot read the status of the audit log", path: path)
        }
        return Status(isRegularFile: info.st_mode & S_IFMT == S_IFREG, owner: info.st_uid, processOwner: geteuid(), permissions: Int(info.st_mode) & 0o7777)
    }

    /// The file's permission bits, e.g. 0o600.
    func permissions() throws -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw AuditError.system("cannot read the mode of the audit log", path: path)
        }
        return Int(info.st_mode) & 0o7777
    }

    /// Reads exactly `buffer.count` bytes at `offset`, or fewer only at the end of the file.
    /// Returns how many bytes were read.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n > 0 {
                done += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                throw AuditError.system("cannot read the audit log", path: path)
            }
        }
        return done
    }

    /// Reads the next bytes at the current position; 0 means end of file.
    func readNext(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = systemRead(descriptor, buffer.baseAddress!, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw AuditError.system("cannot read the audit log", path: path) }
        }
    }

    /// Writes all bytes, continuing after short writes and interruptions.
    func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = systemWrite(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if n > 0 {
                done += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                // A zero-byte write cannot make progress; report it like the kernel would.
                let code = n == 0 ? EIO : errno
                throw AuditError.system("cannot write to the audit log", path: path, code: code)
            }
        }
    }

    func writeAll(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try writeAll($0) }
    }

    /// Forces written data to the disk.
    func sync() throws {
        while fsync(descriptor) != 0 {
            if errno == EINTR { continue }
            throw AuditError.system("cannot flush the audit log to disk", path: path)
        }
    }

    func truncate(to length: Int) throws {
        while ftruncate(descriptor, off_t(length)) != 0 {
            if errno == EINTR { continue }
            throw AuditError.system("cannot cut the torn line off the audit log", path: path)
        }
    }
}

extension POSIXFile {
    /// Streams the file from the current position line by line. `visit` gets each line without
    /// its "\n", its 1-based number, and whether it ended with "\n" (only the last may not).
    /// Memory stays bounded by the longest line; the bytes are only valid during the call.
    func forEachLine(
        _ visit: (_ line: UnsafeRawBufferPointer, _ number: Int, _ endsWithNewline: Bool) throws -> Bool
    ) throws {
        var capacity = 1 << 20
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0  // bytes in buffer
        var number = 0
        while true {
            if filled == capacity {
                // One line longer than the buffer: grow it.
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity * 2, alignment: 16)
                bigger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let n = try readNext(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if n == 0 {
                if filled > 0 {
                    number += 1
                    _ = try visit(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]), number, false)
                }
                return
            }
            filled += n
            let base = buffer.baseAddress!
            var start = 0
            while start < filled,
                let found = memchr(base + start, 0x0A, filled - start)
            {
                let end = base.distance(to: found)
                number += 1
                let keepGoing = try visit(UnsafeRawBufferPointer(rebasing: buffer[start..<end]), number, true)
                if !keepGoing { return }
                start = end + 1
            }
            // Move an unfinished line to the front.
            if start > 0 {
                if start < filled { memmove(base, base + start, filled - start) }
                filled -= start
            }
        }
    }
}
