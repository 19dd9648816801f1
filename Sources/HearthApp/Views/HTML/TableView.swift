/// A column of a table: its heading, and whether it holds numbers (right-aligned).
struct TableColumn: Sendable {
    var label: String
    var numeric = false

    init(_ label: String, numeric: Bool = false) {
        self.label = label
        self.numeric = numeric
    }
}

extension HTML {
    /// A table that reads as rows on a desk and as one card per row on a phone: each cell carries its
    /// column's heading (`data-label`), which the stylesheet shows beside the value on narrow screens.
    /// `rowClass` marks a row (e.g. "overdue"), `rowID` names it for links and tests; `cells` returns one piece of markup per column.
    static func table<Row>(id: String? = nil, class extraClass: String? = nil, _ columns: [TableColumn], rows: some Sequence<Row>,
                           rowID: (Row) -> String? = { _ in nil }, rowClass: (Row) -> String? = { _ in nil }, cells: (Row) -> [HTML]) -> HTML {
        var html: HTML = "<table\(attribute: "id", id) class=\"reflow\(if: extraClass != nil, " ")\(extraClass)\">\n"
        html += "<thead><tr>"
        for column in columns {
            html += "<th scope=\"col\"\(if: column.numeric, " class=\"num\"")>\(column.label)</th>"
        }
        html += "</tr></thead>\n<tbody>"
        for row in rows {
            html += "<tr\(attribute: "id", rowID(row))\(attribute: "class", rowClass(row))>"
            for (column, cell) in zip(columns, cells(row)) {
                html += "<td data-label=\"\(column.label)\"\(if: column.numeric, " class=\"num\"")>\(cell)</td>"
            }
            html += "</tr>"
        }
        html += "</tbody>\n</table>"
        return html
    }
}
