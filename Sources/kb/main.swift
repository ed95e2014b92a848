import ArgumentParser
import KBCommandLine

/// The commands of KBCommandLine under one name.
struct KB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: KBTool.name, abstract: KBTool.abstract, discussion: KBTool.discussion, version: KBTool.version,
        subcommands: KBTool.commands)
}

await KB.runFromCommandLine()
