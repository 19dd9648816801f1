import HearthCore
import Vapor

/// The reason form that opens a chart in an emergency: on the look-up, on its own page and on a chart's "not found".
struct EmergencyReasonForm: Encodable, Sendable {
    var action: String
    var reason = ""
    var error: String?
    var hours: Int
    var csrfToken: String
    /// Ids stay unique when several forms share a page (one per patient found).
    var idPrefix = ""
}

/// The emergency look-up: find a patient by MRN, or by last name and date of birth.
struct EmergencyFindPage: Sendable {
    struct Match: Sendable {
        var name: String
        var mrn: String
        var birthDate: String
        var chartHref: String
        /// Where the reason is posted; nil when the user may open the chart already.
        var action: String?
    }

    struct OpenAccess: Sendable {
        var name: String
        var href: String
        var until: String
    }

    var shell: PageShell
    var lookup: EmergencyLookup
    var asked: Bool
    var matches: [Match]
    var open: [OpenAccess]
    var hours: Int
    var ended = false
}

enum EmergencyAccessView {
    static func find(_ page: EmergencyFindPage) -> HTML {
        let lookup = page.lookup
        let fields = [
            InputField(id: "mrn", name: "mrn", label: "MRN", value: lookup.mrn, error: lookup.errors["mrn"], hint: "Exactly as on the face sheet, e.g. H1000272"),
            InputField(id: "family", name: "family", label: "or last name", value: lookup.familyName, error: lookup.errors["family"]),
            InputField(id: "given", name: "given", label: "First name (optional)", value: lookup.givenName),
            InputField(id: "dob", name: "dob", label: "and date of birth", type: "date", value: lookup.birthDate, error: lookup.errors["dob"]),
        ]
        var body: HTML = """
        <h1>Emergency access</h1>
        \(if: page.ended, "<p class=\"notice\" role=\"status\" id=\"emergency-ended\">Emergency access ended. That chart is closed to you again.</p>")
        <p class="lede">For a patient who needs you now and is not on your list. You give your reason, the chart opens to you for \(page.hours) hours, every page you open or change is recorded as emergency access, and a supervisor reviews it [45 CFR 164.312(a)(2)(ii)].</p>

        """
        if !page.open.isEmpty {
            body += """
            <section class="card" id="open-emergency-access"><h2>Open now</h2><ul>
            \(each: page.open, { "<li><a href=\"\($0.href)\">\($0.name)</a> until \($0.until)</li>" })
            </ul></section>

            """
        }
        body += """
        <form method="get" action="\(SiteURL.emergencyAccessFind.path)" class="card" id="emergency-find" role="search" novalidate>
          <p>Find the patient by the MRN, or by last name and date of birth. Nothing is shown for part of a name.</p>
          <div class="grid">\(fields.map(HTML.field))</div>
          <button type="submit" id="emergency-find-submit">Find</button>
        </form>

        """
        if page.asked {
            body += page.matches.isEmpty
                ? "<p class=\"empty\" id=\"emergency-none\">No patient has that MRN, or that last name and date of birth. Check them with whoever called.</p>\n"
                : "<section id=\"emergency-matches\">\(each: page.matches.enumerated(), { index, match in matchCard(match, index: index, page: page) })</section>\n"
        }
        return Layout.page(page.shell, body)
    }

    private static func matchCard(_ match: EmergencyFindPage.Match, index: Int, page: EmergencyFindPage) -> HTML {
        let form = match.action.map { EmergencyReasonForm(action: $0, hours: page.hours, csrfToken: page.shell.csrfToken, idPrefix: "m\(index)-") }
        return """
        <article class="card emergency-match">
          <h2>\(match.name)</h2>
          <p>MRN \(match.mrn) · born \(match.birthDate)</p>
          \(form.map(reasonForm) ?? "<p><a href=\"\(match.chartHref)\">Open the chart</a> (you may open it already)</p>")
        </article>

        """
    }

    /// The reason field and the button that breaks the glass.
    static func reasonForm(_ form: EmergencyReasonForm) -> HTML {
        let field = InputField(id: form.idPrefix + "reason", name: "reason", label: "Why do you need this chart now?", type: "textarea",
                               value: form.reason, error: form.error,
                               hint: "A supervisor reads this. For example: covering weekend call, patient reports a fall.", wide: true)
        return """
        <form method="post" action="\(form.action)" class="emergency-form" novalidate>
          \(csrf: form.csrfToken)
          \(HTML.field(field))
          <button type="submit" class="danger" id="\(form.idPrefix)emergency-open">Emergency access for \(form.hours) hours</button>
        </form>
        """
    }

    static func reasonPage(shell: PageShell, form: EmergencyReasonForm) -> HTML {
        Layout.page(shell, """
        <section class="card narrow" id="emergency-reason">
          <h1>Emergency access</h1>
          <p>You are not on this patient's care team. In an emergency you may open the chart for \(form.hours) hours: every page you open or change is recorded as emergency access and reviewed by a supervisor.</p>
          \(reasonForm(form))
        </section>
        """)
    }

    /// What a "not found" chart page offers a user who may break the glass. Offered whatever the address, so it tells
    /// nothing about whether the patient exists.
    static func offer(_ form: EmergencyReasonForm) -> HTML {
        """
        <section class="card narrow emergency-offer" id="emergency-offer">
          <h2>Emergency?</h2>
          <p>If this patient needs you now and is not on your list, you may open the chart for \(form.hours) hours with a reason. It is recorded as emergency access and reviewed by a supervisor.</p>
          \(reasonForm(form))
          <p><a href="\(SiteURL.emergencyAccessFind.path)">Find the patient by MRN, or by name and date of birth</a></p>
        </section>
        """
    }
}

extension EmergencyAccessView {
    /// The offer on a chart's "not found" page: only on reading a `/patients/<id>` address, to a signed-in user whose
    /// role may break the glass and who did not open that chart in this request. It does not depend on whether the
    /// patient exists, so it leaks nothing the plain "not found" does not.
    static func offer(for request: Request) -> EmergencyReasonForm? {
        guard request.method == .GET, request.storage[OpenedPatientKey.self] == nil,
              let user = request.auth.get(CurrentUser.self), user.may(.breakTheGlass),
              let patientID = SiteURL.patientID(inPath: request.url.path) else { return nil }
        return EmergencyReasonForm(action: SiteURL.patient(patientID, .emergencyAccess).path, hours: request.application.settings.emergencyAccessHours,
                                   csrfToken: CSRFMiddleware.token(for: request), idPrefix: "")
    }
}
