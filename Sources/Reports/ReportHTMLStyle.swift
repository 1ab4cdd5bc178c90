import Foundation

extension ReportHTML {
    /// The report's instants in the campaign's zone, in the shared date forms of
    /// `ReportDates`, arranged for HTML: "16:30 ngày 08/05/2020" in prose, the date over
    /// the time in a narrow column.
    struct Clock {
        let dates: ReportDates

        init(_ timeZone: TimeZone) { dates = ReportDates(zone: timeZone) }

        func timeAndDate(_ instant: Date) -> String {
            "\(time(instant)) ngày \(dates.date(instant))"
        }

        func dateLine(_ instant: Date) -> String {
            "\(dates.date(instant))<div class=\"note\">\(time(instant))</div>"
        }

        /// "UTC+07:00": a reader abroad, or a server in another zone, knows which clock.
        func utcOffset(at instant: Date) -> String { "UTC\(dates.offset(at: instant))" }

        /// "16:30": the tail of the shared long form "08/05/2020 16:30".
        func time(_ instant: Date) -> String { String(dates.long(instant).suffix(5)) }
    }

    /// Printed on A4 portrait with 15 mm margins, 180 mm of width. Status cells carry a
    /// word and a pale background, never colour alone: the report is often photocopied
    /// in black and white. Fonts: the first of these with Vietnamese glyphs that the
    /// reader's machine has; nothing is downloaded.
    static let stylesheet = """

        @page { size: A4; margin: 15mm; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 9pt;
               line-height: 1.35; color: #111; background: #fff; margin: 0; }
        @media screen { body { max-width: 190mm; margin: 8mm auto; padding: 0 5mm; } }
        header { text-align: center; border-bottom: 1pt solid #333; padding-bottom: 3mm; margin-bottom: 4mm; }
        header .office { font-weight: 700; text-transform: uppercase; letter-spacing: 0.02em; margin: 0; }
        h1 { font-size: 14pt; margin: 2mm 0 1mm; text-transform: uppercase; }
        header .campaign { font-size: 10.5pt; font-style: italic; margin: 0 0 1.5mm; }
        header .when { margin: 0; }
        h2 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
        section { margin-bottom: 2mm; }
        .counts ul { list-style: none; padding: 0; margin: 0; display: flex; gap: 2mm; }
        .counts li { flex: 1; border: 0.6pt solid #888; border-radius: 1.5mm; padding: 1.5mm 2mm; text-align: center; }
        .counts .count { display: block; font-size: 15pt; font-weight: 700; line-height: 1.1; }
        .counts .total { background: #fff; border-style: dashed; }
        /* Collapsed borders stick out by half their width; printing clips at the margin,
           which would eat the table's right-hand border. */
        table { width: calc(100% - 1pt); border-collapse: collapse; table-layout: fixed; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        table { font-size: 8.5pt; }
        th, td { border: 0.5pt solid #888; padding: 1mm 1.2mm; vertical-align: top; text-align: left;
                 overflow-wrap: anywhere; }
        td.date, td.channel { white-space: nowrap; }
        th { background: #e8e8e8; font-weight: 700; font-size: 8.5pt; }
        td.number, th:first-child { text-align: center; }
        .note { font-size: 7.5pt; color: #444; }
        .size { font-size: 7.5pt; color: #444; white-space: nowrap; }
        .files div + div, .item + .item { margin-top: 0.8mm; }
        .none { color: #777; }
        .hint, .empty { margin: 0 0 2mm; color: #333; }
        code { font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; font-size: 8pt; }
        .status { display: block; padding: 0.3mm 1.2mm; border: 0.6pt solid #888; border-radius: 1mm; }
        .status-on_time { background: #e2f0e2; border-color: #5d8f5d; }
        .status-late { background: #fbeccc; border-color: #a5801f; }
        .status-missing { background: #f6d6d6; border-color: #9b2c2c; font-weight: 700; }
        .status-not_due { background: #eceff5; border-color: #7d8597; }
        .status-exempt { background: #f2f2f2; border-color: #999; font-style: italic; }
        tr.row-missing td:nth-child(2) { font-weight: 700; }
        col.c-number { width: 8mm; } col.c-agency { width: 40mm; } col.c-status { width: 24mm; }
        col.c-date { width: 21mm; } col.c-channel { width: 20mm; } col.c-symbol { width: 20mm; }
        col.c-reminders { width: 15mm; } col.c-ref { width: 14mm; } col.c-from { width: 30mm; }
        col.c-reasons { width: 40mm; } col.c-candidates { width: 30mm; } col.c-kind { width: 27mm; }
        col.c-delivery { width: 24mm; }
        figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }
        svg.timeline { width: 100%; height: auto; display: block; }
        footer { margin-top: 4mm; padding-top: 1.5mm; border-top: 0.5pt solid #999; font-size: 7.5pt; color: #444; }

        """
}
