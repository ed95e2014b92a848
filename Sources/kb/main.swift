import KBCommandLine

await KBCommand.runFromCommandLine()
