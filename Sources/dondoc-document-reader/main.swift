import Documents
#if canImport(Glibc)
import Glibc
#endif

// The child side of DocumentSandbox, for the tests: the same call the CLI's hidden
// read-document subcommand makes.
exit(DocumentChild.run(arguments: Array(CommandLine.arguments.dropFirst())))
