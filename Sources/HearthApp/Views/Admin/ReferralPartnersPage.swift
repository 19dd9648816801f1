/// The Hearth agencies on other installations this hospital sends referrals to over HTTP, and the form that adds or
/// changes one. The token shows as its first and last four characters only.
struct ReferralPartnersPage: Sendable {
    struct Partner: Sendable {
        var provider: String
        var providerID: String
        var baseURL: String
        var token: String
        var updated: String
        var removeHref: String
    }

    var shell: PageShell
    var notice: String?
    var partners: [Partner]
    var form: PageForm
}

extension ReferralPartnersPage: HTMLPage {
    static let columns = ["Agency", "FHIR base URL", "Token", "Changed", ""].map { TableColumn($0) }

    var body: HTML {
        var html: HTML = """
        <h1>Referral partners</h1>
        <p class="lede">Home health agencies running Hearth on another installation. A referral a case manager sends to one goes to its FHIR API as a transaction Bundle, with the token the agency issued to this hospital (on the agency: <code>hearth token create --username U --scopes referral</code>), and the stay page follows the agency's Task.</p>
        \(notice, { "<p class=\"notice\" role=\"status\" id=\"partners-notice\">\($0)</p>" })
        <section class="card" id="add-partner">
          <h2>Add or change a partner</h2>
          \(HTML.postForm(form, csrf: shell.csrfToken, id: "partner-form", errorID: "partner-error", button: "<button type=\"submit\" id=\"save-partner\">Save partner</button>"))
        </section>

        """
        if partners.isEmpty {
            html += "<p class=\"empty\" id=\"partners-empty\">No partner yet: referrals go to agencies on this installation, or by phone and fax.</p>\n"
        } else {
            html += HTML.table(id: "partners", Self.columns, rows: partners, rowID: { "partner-\($0.providerID)" }) { partner in
                ["\(partner.provider)", "\(partner.baseURL)", "<code>\(partner.token)</code>", "\(partner.updated)",
                 "<form method=\"post\" action=\"\(partner.removeHref)\" class=\"inline\">\(csrf: shell.csrfToken)<button type=\"submit\" class=\"secondary\">Remove</button></form>"]
            }
        }
        return html
    }
}
