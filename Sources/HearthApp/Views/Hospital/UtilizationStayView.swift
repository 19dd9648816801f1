extension StayReviewPage: HTMLPage {
    static let reviewColumns = ["When", "Review", "Level of care", "Criteria", "Evidence", "Next review", "Reviewer"].map { TableColumn($0) }
    static let payerColumns = ["When", "How", "Payer contact", "Clinicals", "Days approved", "Next review", "Reference"].map { TableColumn($0) }
    static let avoidableColumns = ["Days", "Reason", "Owner", "From", "Through", "Cost"].map { TableColumn($0) }
    static let referralColumns = ["Referred", "Physician advisor", "Question", "By", "Determination"].map { TableColumn($0) }
    static let appealColumns = ["Level", "Filed", "Deadline", "Outcome", "Detail"].map { TableColumn($0) }

    var body: HTML {
        var html: HTML = """
        <p><a href="\(stayHref)" id="back-to-stay">← Stay</a> · <a href="\(queueHref)" id="back-to-queue">Review queue</a></p>
        <h1>Utilization review: \(name)</h1>
        <section class="card" id="ur-facts">
          <dl class="answers">\(each: facts, { "<div><dt>\($0.label)</dt><dd>\($0.value)</dd></div>" })</dl>
          \(if: !queueReasons.isEmpty, "<h2>Why it is in the queue</h2>")
          <ul id="queue-reasons">\(each: queueReasons, { "<li><strong>\($0.title)</strong> <small>\($0.explanation) [\($0.citation)]</small></li>" })</ul>
        </section>

        """
        html += reviewCard
        html += payerCard
        html += denialsCard
        html += avoidableCard
        html += advisorCard
        return html
    }

    private func table(_ id: String, _ columns: [TableColumn], _ lines: [Line], empty: String) -> HTML {
        lines.isEmpty ? "<p class=\"empty\" id=\"\(id)-empty\">\(empty)</p>\n" : HTML.table(id: id, columns, rows: lines) { line in line.cells.map { "\($0)" } }
    }

    private func form(_ form: PageForm, _ id: String, _ button: String) -> HTML {
        canReview ? HTML.postForm(form, csrf: shell.csrfToken, id: "\(id)-form", errorID: "\(id)-error",
                                  button: "<button type=\"submit\" id=\"save-\(id)\">\(button)</button>") : ""
    }

    private var reviewCard: HTML {
        """
        <section class="card" id="reviews">
          <h2>Reviews</h2>
          <h3>\(criteriaSource)</h3>
          <ul id="criteria-findings">\(each: findings, { f in "<li><strong>\(f.title)</strong> <span class=\"flag flag-\(f.met == "Met" ? "ok" : f.met == "Not met" ? "overdue" : "upcoming")\">\(f.met)</span> <small>\(f.explanation) [\(f.citation)]</small></li>" })</ul>
          \(table("review-history", Self.reviewColumns, reviews, empty: "No review yet."))
          \(if: canReview, { "<h3 id=\"record-review\">Record a review</h3>\n<p class=\"hint\" id=\"next-review-hint\">\(nextReviewHint)</p>" })
          \(form(reviewForm, "review", "Record review"))
        </section>

        """
    }

    private var payerCard: HTML {
        """
        <section class="card" id="payer-log">
          <h2>Payer communications</h2>
          \(table("payer-history", Self.payerColumns, communications, empty: "Nothing sent to the payer yet."))
          \(if: canReview, "<h3>Log a payer communication</h3>")
          \(form(payerForm, "payer", "Log communication"))
        </section>

        """
    }

    private var denialsCard: HTML {
        var html: HTML = "<section class=\"card\" id=\"denials\">\n<h2>Denials and appeals</h2>\n"
        if denials.isEmpty { html += "<p class=\"empty\" id=\"denials-empty\">No denial on this stay.</p>\n" }
        for denial in denials {
            html += """
            <article class="denial" id="denial-\(denial.id)">
              <h3>\(denial.title)</h3>
              <p>\(denial.reason)</p>
              \(HTML.table(id: "appeals-\(denial.id)", Self.appealColumns, rows: denial.appeals) { ["\($0.level)", "\($0.filed)", "\($0.deadline)", "\($0.outcome)", "\($0.detail)"] })
              <p class="hint" id="next-level-\(denial.id)"><strong>Next:</strong> \(denial.next)</p>
              \(denial.decisionForm.map { form($0, "decision-\(denial.id)", "Record the decision") } ?? "")
              \(denial.appealForm.map { form($0, "appeal-\(denial.id)", "File appeal") } ?? "")
            </article>

            """
        }
        if canReview { html += "<h3>Record a denial</h3>\n" }
        html += form(denialForm, "denial", "Record denial")
        html += "</section>\n"
        return html
    }

    private var avoidableCard: HTML {
        """
        <section class="card" id="avoidable-days">
          <h2>Avoidable days</h2>
          <p id="avoidable-total">\(avoidableTotal)</p>
          \(table("avoidable-history", Self.avoidableColumns, avoidable, empty: "No avoidable day recorded."))
          \(if: canReview, "<h3>Record avoidable days</h3>")
          \(form(avoidableForm, "avoidable", "Record avoidable days"))
        </section>

        """
    }

    private var advisorCard: HTML {
        """
        <section class="card" id="advisor">
          <h2>Physician advisor</h2>
          \(table("advisor-history", Self.referralColumns, referrals, empty: "Not referred to a physician advisor."))
          \(each: determinationForms, determinationCard)
          <p class="hint" id="committee-note">\(committeeNote) A reviewer may not have been professionally involved in the patient's care or have a direct financial interest in the hospital [42 CFR 482.30(b)(3)].</p>
          \(form(advisorForm, "advisor", "Refer to the physician advisor"))
        </section>

        """
    }

    /// The advisor's own form: shown to the member the stay was referred to, whether or not they may record reviews.
    private func determinationCard(_ item: DeterminationForm) -> HTML {
        """
        <article class="determination" id="determine-\(item.id)">
          <h3>Your determination</h3>
          <p><strong>Question:</strong> \(item.question)</p>
          <p class="hint">"Not medically necessary" by one member needs the attending's concurrence, or their silence when asked; otherwise a second member [42 CFR 482.30(d)(1)]. Written notice follows within 2 days [42 CFR 482.30(d)(3)].</p>
          \(HTML.postForm(item.form, csrf: shell.csrfToken, id: "determination-form-\(item.id)", errorID: "determination-error-\(item.id)",
                         button: "<button type=\"submit\" id=\"save-determination-\(item.id)\">Record determination</button>"))
        </article>

        """
    }
}
