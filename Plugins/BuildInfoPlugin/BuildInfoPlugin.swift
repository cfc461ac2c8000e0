import Foundation
import PackagePlugin

/// Generates `BuildInfo.swift` for a target: the semantic version from the package's `VERSION`
/// file and, when the package is a git checkout, the commit it was built from.
///
/// The generator runs again whenever `VERSION` or one of the git files that can move HEAD
/// changes (`GitCheckout.watchedFiles`), and reads the commit itself at that moment: a new
/// commit, checkout or reset regenerates the file, and an unchanged checkout costs nothing.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let versionFile = package.appendingPathComponent("VERSION")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuildInfo.swift")
        return [
            .buildCommand(
                displayName: "Generating BuildInfo.swift for \(target.name)",
                executable: try context.tool(named: "BuildInfoGenerator").url,
                arguments: ["--version-file", versionFile.path, "--package-directory", package.path, "--output", output.path],
                inputFiles: [versionFile] + (GitCheckout(packageDirectory: package)?.watchedFiles ?? []),
                outputFiles: [output]
            )
        ]
    }
}
