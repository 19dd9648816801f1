/// Every bearer token: whose, what for, when it ends, and a button to end it now.
struct TokensPage: Sendable {
    var shell: PageShell
    var rows: [TokenRow]
    var notice: String?
}

enum TokensView {
    static func render(_ page: TokensPage) -> HTML {
        let csrf = page.shell.csrfToken
        let notice: HTML = page.notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? HTML()
        let columns = ["Name", "Owner", "Created", "Expires", "Last used", "State", ""].map { TableColumn($0) }
        let table: HTML = page.rows.isEmpty
            ? "<p class=\"empty\">No tokens yet.</p>"
            : HTML.table(id: "tokens", columns, rows: page.rows, rowClass: { $0.state == "active" ? nil : "inactive" }) { row in
                ["\(row.name)", "\(row.owner)", "\(row.created)", "\(row.expires)", "\(row.lastUsed)", "\(row.state)", revokeButton(row.revokeHref, csrf: csrf)]
            }
        let body: HTML = """
        <h1>Tokens</h1>
        <p class="lede">Bearer tokens let machine clients (FHIR, the API) act as a user. Create them with <code>hearth token create --username U --name N</code>; they last 90 days unless <code>--expires-in-days</code> says otherwise. Disabling a user revokes all of theirs. Systems that sign in with their own key (SMART Backend Services) are registered under <a href="\(SiteURL.admin(.clients).path)">API clients</a>.</p>
        \(notice)
        \(table)
        """
        return Layout.page(page.shell, body)
    }

    private static func revokeButton(_ href: String?, csrf: String) -> HTML {
        guard let href else { return HTML() }
        return "<form method=\"post\" action=\"\(href)\" class=\"inline\">\(csrf: csrf)<button type=\"submit\" class=\"secondary\">Revoke</button></form>"
    }
}
