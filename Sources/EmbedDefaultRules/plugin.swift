import Foundation
import PackagePlugin

/// Generates `DefaultRules+Embedded.swift` from `Rules/default.json5` at build time,
/// so the rules file stays the single source of truth and the binary needs no files at run time.
@main
struct EmbedDefaultRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let input = context.package.directoryURL.appending(path: "Rules").appending(path: "default.json5")
        let output = context.pluginWorkDirectoryURL.appending(path: "DefaultRules+Embedded.swift")
        return [
            .buildCommand(
                displayName: "Embedding Rules/default.json5",
                executable: try context.tool(named: "EmbedRulesTool").url,
                arguments: [input.path, output.path],
                inputFiles: [input],
                outputFiles: [output]
            )
        ]
    }
}
