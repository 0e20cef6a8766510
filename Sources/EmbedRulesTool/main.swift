import Foundation

// Writes a Swift file holding the rules text as a raw string literal.
// A raw literal compiles in well under a second, where a byte array of the same size takes a minute.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: EmbedRulesTool INPUT OUTPUT\n".utf8))
    exit(64)
}
do {
    let text = try String(contentsOf: URL(fileURLWithPath: arguments[1]), encoding: .utf8)
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    let source = """
    // Generated from Rules/default.json5 by the EmbedDefaultRules plugin. Do not edit.
    extension DefaultRules {
        /// The text of Rules/default.json5 as it was when this binary was built.
        public static let source: String = \(hashes)\"\"\"
    \(text.hasSuffix("\n") ? text : text + "\n")\"\"\"\(hashes)
    }

    """
    try Data(source.utf8).write(to: URL(fileURLWithPath: arguments[2]), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("EmbedRulesTool: \(error)\n".utf8))
    exit(1)
}
