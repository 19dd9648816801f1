extension OrdersPage: HTMLPage {
    static let columns = [TableColumn("Sent"), TableColumn("Days"), TableColumn("Patient"), TableColumn("Order"), TableColumn("Physician"), TableColumn("Status")]

    var body: HTML {
        var html: HTML = """
        <h1>\(heading)</h1>
        <section class="card" id="aging">
          <h2>Unsigned orders by days since sent</h2>

        """
        if orders.isEmpty {
            html += "  <p class=\"empty\">No unsigned orders. Every plan of care, interim and verbal order is signed.</p>\n</section>"
            return html
        }
        html += """
          <div class="scroll">
          <table>
            <thead><tr><th scope="col">Physician</th>\(each: bucketTitles, { "<th scope=\"col\">\($0)</th>" })<th scope="col">Not sent</th><th scope="col">Total</th><th scope="col">Oldest</th></tr></thead>
            <tbody>
              \(each: aging, { row in
                "<tr\(if: row.overdue > 0, " class=\"overdue\"")><th scope=\"row\">\(row.physician)</th>\(each: row.counts, { "<td>\($0)</td>" })<td>\(row.notSent)</td><td>\(row.total)</td><td>\(row.oldest)</td></tr>"
              })
            </tbody>
            <tfoot><tr id="aging-totals"><th scope="row">All physicians</th>\(each: totals.counts, { "<td>\($0)</td>" })<td>\(totals.notSent)</td><td><strong>\(totals.total)</strong></td><td>\(totals.oldest)</td></tr></tfoot>
          </table>
          </div>
        </section>
        <section class="card" id="unsigned-orders">
          <h2>Orders</h2>
          \(if: !shownNote.isEmpty, { "<p class=\"hint\">\(shownNote)</p>" })
          \(HTML.table(Self.columns, rows: orders, rowClass: { $0.overdue ? "overdue" : nil }) { order in
            ["\(order.sent)", "\(order.days)", "\(order.patient)", "<a href=\"\(order.href)\">\(order.summary)</a>", "\(order.physician)",
             "<span class=\"status status-\(order.status)\">\(order.statusTitle)</span>"]
          })
        </section>
        """
        return html
    }
}
