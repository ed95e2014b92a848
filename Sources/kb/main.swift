import ArgumentParser
import KBCommandLine
import KBMCP

/// The commands of KBCommandLine and the MCP server, under one name.
struct KB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: KBTool.name, abstract: KBTool.abstract, discussion: KBTool.discussion, version: KBTool.version,
        subcommands: KBTool.commands + [MCPCommand.self])
}

await KB.runFromCommandLine()
