import DocumentReaders
#if canImport(Glibc)
import Glibc
#endif

// The child of DocumentSandbox: reads one document from stdin under the limits the parent
// passed, writes one JSON reading to stdout. Not a command for people; `dondoc poll`
// runs it.
exit(DocumentChild.run(arguments: Array(CommandLine.arguments.dropFirst())))
