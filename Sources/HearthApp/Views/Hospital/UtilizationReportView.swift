import Foundation

extension UtilizationReportPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <p><a href="\(backHref)" id="back-to-queue">← Review queue</a></p>
        <h1>\(heading)</h1>
        <p id="report-summary">\(summary)</p>
        <section class="card" id="report-chart">
          <h2>\(chartTitle)</h2>
          \(chart)
        </section>

        """
        for table in tables {
            html += "<section class=\"card\" id=\"\(table.id)-card\">\n<h2>\(table.title)</h2>\n"
            html += table.rows.isEmpty ? "<p class=\"empty\">Nothing recorded.</p>" : HTML.table(id: table.id, table.columns, rows: table.rows) { row in row.map { "\($0)" } }
            html += "\n</section>\n"
        }
        return html
    }

    /// A horizontal bar per line, scaled to the largest; it shrinks with the page (viewBox), so it fits a phone.
    private var chart: HTML {
        guard let largest = bars.map(\.value).max(), largest > 0 else { return "<p class=\"empty\" id=\"chart-empty\">Nothing to chart.</p>" }
        // The label above its bar, so a phone's narrow page keeps the text readable.
        let rowHeight = 46, barWidth = 280
        var svg: HTML = "<svg id=\"bar-chart\" role=\"img\" aria-label=\"\(chartTitle)\" viewBox=\"0 0 400 \(bars.count * rowHeight + 4)\" width=\"100%\" style=\"max-width:640px\">"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight
            let width = max(2, bar.value * barWidth / largest)
            svg += "<text x=\"0\" y=\"\(y + 15)\" font-size=\"14\">\(bar.label)</text>"
            svg += "<rect x=\"0\" y=\"\(y + 21)\" width=\"\(width)\" height=\"18\" fill=\"#2563eb\"><title>\(bar.label): \(bar.shown)</title></rect>"
            svg += "<text x=\"\(width + 6)\" y=\"\(y + 35)\" font-size=\"14\">\(bar.shown)</text>"
        }
        svg += "</svg>"
        return svg
    }
}
