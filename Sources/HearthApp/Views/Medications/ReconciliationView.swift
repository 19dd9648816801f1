extension ReconciliationPage: HTMLPage {
    static let columns = [TableColumn("What changed"), TableColumn("Home list"), TableColumn("Other list"), TableColumn("Decision")]

    var body: HTML {
        var html: HTML = """
        <p><a href="\(backHref)" id="back-to-medications">← Back to medications</a></p>
        <h1>\(patientName): \(title)</h1>
        <p class="meta">Compared with \(source)\
        \(if: finished, " · <span class=\"status status-finished\">Finished</span>")\(if: !finished, { " · <span id=\"undecided-count\">\(undecided)</span> line(s) to decide" })\
        \(orderHref, { " · <a href=\"\($0)\" id=\"reconciliation-order\">Order for signature</a> (\(orderStatus))" })</p>
        \(error, { "<p class=\"form-error\" role=\"alert\" id=\"reconciliation-error\">\($0)</p>" })
        \(safetyWarning, HTML.safetyWarning)
        <form method="post" action="\(decideAction)" novalidate id="decisions">
          \(csrf: shell.csrfToken)
          \(HTML.table(id: "reconciliation-lines", Self.columns, rows: lines, rowID: { "line-\($0.id)" }, rowClass: { "line-\($0.kind)" }) { l in
            ["<span class=\"status status-\(l.kind)\">\(l.kindTitle)</span>\(each: l.changes, { "<br><small>\($0)</small>" })\(each: l.flags, { "<br><span class=\"flag flag-overdue\">\($0)</span>" })",
             l.home.map(HTML.text) ?? "<em>not on the home list</em>",
             l.incoming.map(HTML.text) ?? "<em>not on this list</em>",
             decision(l)]
          })
          \(if: !finished && canWrite, "<button type=\"submit\" class=\"secondary\" id=\"save-decisions\">Save decisions</button>")
        </form>

        """
        if !finished && canWrite {
            html += """
            <form method="post" action="\(finishAction)" novalidate id="finish-reconciliation-form">
              \(csrf: shell.csrfToken)
              <p class="hint">Finishing applies the decisions to the profile and sends the reconciled list to the physician for signature.</p>
              <button type="submit" id="finish-reconciliation">Finish and send to the physician</button>
            </form>
            """
        }
        return html
    }

    /// The decision made, or the choices and a note while the reconciliation is open.
    private func decision(_ l: Line) -> HTML {
        if finished { return "\(l.decisionTitle)\(if: !l.note.isEmpty, { " <small>— \(l.note)</small>" })" }
        guard canWrite else { return l.decisionTitle.map(HTML.text) ?? "<em>undecided</em>" }
        return """
        <fieldset><legend class="visually-hidden">Decision</legend>
                \(each: l.decisions, { d in "<label class=\"check\"><input type=\"radio\" name=\"decision[\(l.id)]\" value=\"\(d.value)\"\(if: d.selected, " checked")> \(d.label)</label>" })
                </fieldset>
                <label for="note-\(l.id)" class="visually-hidden">Note</label><input id="note-\(l.id)" name="note[\(l.id)]" value="\(l.note)" placeholder="Note (why)">
        """
    }
}
