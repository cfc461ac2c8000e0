import ArgumentParser
import SegmentsCore
import SegmentsDisk

/// `segctl schema`: the JSON Schema of a segment file, for editors.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of a segment file.",
        discussion: """
            Save it and point yaml-language-server at it from each segment file:
            # yaml-language-server: $schema=../segment.schema.json
            """
    )

    @ParentCommand var root: Segctl

    func run() async throws {
        Console.standardOutput(SegmentJSONSchema.document(for: try root.repository().config).serialized() + "\n")
    }
}
