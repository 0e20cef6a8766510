import Foundation

/// Reads input files for commands, turning every failure into a `CLIError` that names the path.
enum FileInput {
    /// The display name used in messages: `<stdin>` for `-`, else the path as given.
    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    static func read(_ path: String, _ env: CLIEnvironment) throws(CLIError) -> [UInt8] {
        if path == "-" { return env.readAllStdin() }
        let full = env.resolve(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        if isDirectory.boolValue { throw .cannotRead(path: path, reason: "it is a directory") }
        guard let data = FileManager.default.contents(atPath: full) else {
            throw .cannotRead(path: path, reason: FileManager.default.isReadableFile(atPath: full) ? "read failed" : "permission denied")
        }
        return [UInt8](data)
    }

    /// Decodes UTF-8, refusing bytes that are not, so a binary file is reported rather than misread.
    static func text(_ bytes: [UInt8], file: String) throws(CLIError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .badInput(file: file, line: nil, field: nil, message: "the file is not valid UTF-8 text")
        }
        return text
    }

    /// Whether two paths name the same existing file (through links too).
    static func sameFile(_ a: String, _ b: String, _ env: CLIEnvironment) -> Bool {
        var x = stat(), y = stat()
        guard stat(env.resolve(a), &x) == 0, stat(env.resolve(b), &y) == 0 else { return false }
        return x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }
}
