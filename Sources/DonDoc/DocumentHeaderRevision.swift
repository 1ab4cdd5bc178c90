extension DocumentHeader {
    /// Names what `read` returns for a given first page. The store keeps each document's
    /// header as this revision derived it (so a report need not read thousands of first
    /// pages again), and derives it anew under another revision. Raise it with any change
    /// to what `read` returns; `testHeaderReaderRevisionMatchesWhatItReads` fails when the
    /// output on its sample pages changed and this number did not.
    public static let readerRevision = 1
}
