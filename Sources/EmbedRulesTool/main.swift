import Foundation

// Writes a Swift file holding the rules text as a raw string literal, byte for byte, so the
// digest an audit log records for the embedded rules equals `sha256sum Rules/default.json5`.
// A raw literal compiles in well under a second, where a byte array of the same size takes a minute.
// The output is written only when its content changes: a rewrite would recompile the engine.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: EmbedRulesTool INPUT OUTPUT\n".utf8))
    exit(64)
}
do {
    let text = try String(contentsOf: URL(fileURLWithPath: arguments[1]), encoding: .utf8)
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    // A multi-line literal drops the line break before its closing delimiter (so one is added)
    // and reads CR LF as LF (so a carriage return is written as an escape).
    let body = text.replacingOccurrences(of: "\r", with: "\\" + hashes + "r")
    let source = """
    // Generated from Rules/default.json5 by the EmbedDefaultRules plugin. Do not edit.
    extension DefaultRules {
        /// The bytes of Rules/default.json5 as they were when this binary was built.
        public static let source: String = \(hashes)\"\"\"
    \(body)
    \"\"\"\(hashes)
    }

    """
    let output = URL(fileURLWithPath: arguments[2])
    let data = Data(source.utf8)
    if (try? Data(contentsOf: output)) != data {
        try data.write(to: output, options: .atomic)
    }
} catch {
    FileHandle.standardError.write(Data("EmbedRulesTool: \(error)\n".utf8))
    exit(1)
}
