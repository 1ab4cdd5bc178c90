/// A plain left-aligned table for terminals. Widths count Characters, which is right
/// for precomposed (NFC) Vietnamese.
package struct TextTable {
    let columns: [String]
    private var rows: [[String]] = []

    package init(columns: [String]) { self.columns = columns }

    package mutating func add(_ row: [String]) { rows.append(row) }

    package func render(maxLastColumn: Int) -> String {
        let all = [columns] + rows.map { row in
            row.enumerated().map { index, cell in
                let flat = TerminalText.clean(cell)
                guard index == row.count - 1, flat.count > maxLastColumn else { return flat }
                return String(flat.prefix(maxLastColumn - 1)) + "…"
            }
        }
        var widths = Array(repeating: 0, count: columns.count)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
