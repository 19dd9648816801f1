/// The SMART Backend Services clients: who each acts as, what it may ask for, and a button to end it; and the form
/// to register one.
struct ClientsPage: Sendable {
    var shell: PageShell
    var rows: [ClientRow]
    var fields: [InputField]
    var notice: String?
    /// Open when the form came back with an error, so the message and the typing are in view.
    var formOpen: Bool
    var tokenURL: String
}

enum ClientsView {
    static func render(_ page: ClientsPage) -> HTML {
        let csrf = page.shell.csrfToken
        let notice: HTML = page.notice.map { "<p class=\"notice\" role=\"status\" id=\"client-notice\">\($0)</p>" } ?? HTML()
        let columns = ["Name", "Client id", "Acts as", "Scopes", "Keys", "Registered", "State", ""].map { TableColumn($0) }
        let table: HTML = page.rows.isEmpty
            ? "<p class=\"empty\">No clients yet.</p>"
            : HTML.table(id: "clients", columns, rows: page.rows, rowClass: { $0.state == "active" ? nil : "inactive" }) { row in
                ["\(row.name)", "<code>\(row.id)</code>", "\(row.actsAs)", "\(row.scopes)", "\(row.keys)", "\(row.registered)", "\(row.state)",
                 revokeButton(row, csrf: csrf)]
            }
        let body: HTML = """
        <h1>API clients</h1>
        <p class="lede">Systems that fetch data on their own (SMART Backend Services): each signs a short JWT with its private key and trades it at <code>\(page.tokenURL)</code> for a five-minute access token within its scopes. Person-held bearer tokens are under <a href="\(SiteURL.admin(.tokens).path)">Tokens</a>; from the command line, <code>hearth client register|list|revoke</code>.</p>
        \(notice)
        <details class="card" id="register-client-panel"\(if: page.formOpen, " open")><summary id="register-client">Register a client</summary>
          <form method="post" action="\(SiteURL.admin(.clients).path)" id="register-client-form">
            \(csrf: csrf)
            <div class="grid">\(page.fields.map(HTML.field))</div>
            <button type="submit">Register client</button>
          </form>
        </details>
        \(table)
        """
        return Layout.page(page.shell, body)
    }

    private static func revokeButton(_ row: ClientRow, csrf: String) -> HTML {
        guard let href = row.revokeHref else { return HTML() }
        return "<form method=\"post\" action=\"\(href)\" class=\"inline\">\(csrf: csrf)<button type=\"submit\" class=\"secondary\" id=\"revoke-\(row.id)\">Revoke</button></form>"
    }
}
