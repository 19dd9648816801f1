/// The stay page's discharge plan: the needs assessment with LACE, the patient's choice list, the home health pre-flight,
/// and the referrals sent in parallel with their answers, the acceptance clock and the avoidable days it causes.
struct DischargePlanSection: Sendable {
    struct Option: Sendable {
        var id: String
        var name: String
        var offers: String
        var network: String
        var networkFlag: String
        var accepting: String
        var quality: [String]
        var disclosure: String?
        var chosenRank: Int?
    }

    struct Check: Sendable {
        var id: String
        var title: String
        var passed: Bool
        var reason: String
    }

    struct Referral: Sendable {
        var id: String
        var provider: String
        var sent: String
        var deadline: String
        var status: String
        var statusFlag: String
        /// "Declined: no IV nurse this week", "First visit 2026-12-06", "Answers in its Hearth intake inbox".
        var detail: String
        var answerForm: PageForm?
        /// A referral to a partner agency that did not reach it: sent again from here.
        var retryHref: String?
        /// The agency's Task id, kept out of the words: shown on hover.
        var technical: String? = nil
        /// The retry tells the agency of the withdrawal, rather than sending the referral.
        var retriesWithdrawal = false
    }

    var needsAction: String
    /// False for a reader who may not plan the discharge (the UR nurse): the needs are shown, not the form.
    var canWrite = true
    var needsFields: [ItemField]
    var addressForm: [InputField]
    var needsError: String?
    var needs: [(title: String, reason: String)]
    var lace: String?
    var unanswered: [String]
    /// Why there is no list yet ("Plan the discharge to a post-acute setting", "Enter the home ZIP").
    var listMissing: String?
    var setting: String
    var options: [Option]
    var listNotice: String
    var listSource: String
    var notServingArea: Int
    var choiceForm: PageForm?
    var lastChoice: String?
    var orderForm: PageForm?
    var checks: [Check]
    var sendForm: PageForm?
    var referrals: [Referral]
    var avoidable: String
    var refused: String?
    /// A refused answer or retry when no send form is shown to carry it (every chosen provider already has the referral).
    var referralsError: String? = nil

    static let optionColumns = [TableColumn("Provider"), TableColumn("Offers for this patient"), TableColumn("Network"), TableColumn("Taking patients"),
                                TableColumn("Quality and resource use"), TableColumn("Disclosure")]
    static let referralColumns = [TableColumn("Provider"), TableColumn("Sent"), TableColumn("Answer due"), TableColumn("Status"), TableColumn("Detail")]

    func html(csrf: String) -> HTML {
        var html: HTML = """
        <section class="card" id="discharge-plan">
          <h2>Discharge plan</h2>
          <h3 id="discharge-needs-heading">Needs after discharge</h3>

        """
        if needs.isEmpty {
            html += "<p class=\"empty\" id=\"discharge-needs\">No continuing need predicted yet.</p>\n"
        } else {
            html += "<ul class=\"records\" id=\"discharge-needs\">\(each: needs, { "<li><strong>\($0.title)</strong><br><small>\($0.reason)</small></li>" })</ul>\n"
        }
        html += "<p id=\"discharge-lace\">\(lace ?? "LACE: answer the readmission items to score it.")</p>\n"
        if !unanswered.isEmpty { html += "<p class=\"hint\" id=\"discharge-unanswered\">Still to answer: \(unanswered.joined(separator: "; ")).</p>\n" }
        if canWrite { html += """
          <details\(if: needs.isEmpty || refused == "needs", " open") id="needs-details"><summary>Assess the needs</summary>
          <form method="post" action="\(needsAction)" id="needs-form" novalidate>
            \(csrf: csrf)
            \(needsError, { "<p class=\"form-error\" role=\"alert\" id=\"needs-error\">\($0)</p>" })
            <div class="grid">\(each: addressForm, HTML.field)</div>
            \(each: needsFields, AssessmentFormPage.item)
            <button type="submit" id="save-needs">Save the needs</button>
          </form>
          </details>

        """ }
        html += choiceCard(csrf: csrf)
        html += preflightCard(csrf: csrf)
        html += referralsCard(csrf: csrf)
        html += "</section>\n"
        return html
    }

    private func choiceCard(csrf: String) -> HTML {
        var html: HTML = "<h3 id=\"choice-list-heading\">Choice list: \(setting)</h3>\n"
        if let listMissing {
            html += "<p class=\"empty\" id=\"choice-list-missing\">\(listMissing)</p>\n"
            return html
        }
        html += """
        <p class="hint" id="choice-list-notice">\(listNotice)</p>
        \(HTML.table(id: "choice-list", Self.optionColumns, rows: options, rowID: { "option-\($0.id)" }) { o in
            ["<strong>\(o.name)</strong>\(o.chosenRank, { " <span class=\"flag flag-ok\">Choice \($0)</span>" })", "\(o.offers)",
             "<span class=\"flag flag-\(o.networkFlag)\">\(o.network)</span>", "\(o.accepting)",
             "\(each: o.quality, { "\($0)<br>" })", "\(o.disclosure ?? "None")"]
        })
        <p class="hint" id="choice-list-source">\(listSource)\(if: notServingArea > 0, { " \(notServingArea) provider\(notServingArea == 1 ? "" : "s") of this setting do not serve the patient's area and are not listed." })</p>
        \(lastChoice, { "<p id=\"last-choice\"><strong>\($0)</strong></p>" })

        """
        if let choiceForm {
            // The list as shown goes back with the choice, so the choice is recorded with the list the patient saw.
            html += """
            <form method="post" action="\(choiceForm.action)" id="choice-form" novalidate>
              \(csrf: csrf)
              \(choiceForm.error, { "<p class=\"form-error\" role=\"alert\" id=\"choice-error\">\($0)</p>" })
              \(each: options, { "<input type=\"hidden\" name=\"shown[]\" value=\"\($0.id)\">" })
              <div class="grid">\(each: choiceForm.fields, HTML.field)</div>
              <button type="submit" id="record-choice">Record the patient's choice</button>
            </form>

            """
        }
        return html
    }

    private func preflightCard(csrf: String) -> HTML {
        guard let orderForm else { return "" }
        return """
        <h3 id="preflight-heading">Home health pre-flight: what the claim will depend on</h3>
        <ul class="records" id="preflight">\(each: checks, { c in
            "<li id=\"preflight-\(c.id)\"><strong>\(c.title)</strong> <span class=\"flag flag-\(c.passed ? "ok" : "overdue")\" id=\"preflight-\(c.id)-status\">\(c.passed ? "Ready" : "Fix before discharge")</span><br><small>\(c.reason)</small></li>"
        })</ul>
        <details\(if: refused == "order" || checks.contains(where: { !$0.passed }), " open") id="order-details"><summary>Home health order facts</summary>
        \(HTML.postForm(orderForm, csrf: csrf, id: "order-form", errorID: "order-error", button: "<button type=\"submit\" id=\"save-order\">Save the order facts</button>"))
        </details>

        """
    }

    private func retryForm(_ href: String, id: String, withdrawal: Bool, csrf: String) -> HTML {
        "<form method=\"post\" action=\"\(href)\" class=\"inline\">\(csrf: csrf)<button type=\"submit\" id=\"retry-\(id)\">\(withdrawal ? "Retry telling the agency" : "Retry sending")</button></form>"
    }

    private func referralsCard(csrf: String) -> HTML {
        var html: HTML = """
        <h3 id="referrals-heading">Referrals</h3>
        <p id="discharge-avoidable">\(avoidable)</p>

        """
        if referrals.isEmpty {
            html += "<p class=\"empty\" id=\"no-referrals\">No referral sent yet.</p>\n"
        } else {
            html += HTML.table(id: "post-acute-referrals", Self.referralColumns, rows: referrals, rowID: { "referral-\($0.id)" }) { r in
                ["\(r.provider)", "\(r.sent)", "\(r.deadline)", "<span class=\"flag flag-\(r.statusFlag)\"\(r.technical, { " title=\"\($0)\"" })>\(r.status)</span>",
                 "\(r.detail)\(r.answerForm, { HTML.postForm($0, csrf: csrf, button: "<button type=\"submit\" class=\"secondary\">Record answer</button>") })\(r.retryHref, { retryForm($0, id: r.id, withdrawal: r.retriesWithdrawal, csrf: csrf) })"]
            }
        }
        if sendForm == nil, let referralsError {
            html += "<p class=\"form-error\" role=\"alert\" id=\"send-error\">\(referralsError)</p>\n"
        }
        if let sendForm {
            html += "<h4>Send referrals</h4>\n"
            html += HTML.postForm(sendForm, csrf: csrf, id: "send-form", errorID: "send-error", button: "<button type=\"submit\" id=\"send-referrals\">Send referrals</button>")
        }
        return html
    }
}
