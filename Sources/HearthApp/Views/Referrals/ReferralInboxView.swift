extension ReferralInboxPage: HTMLPage {
    static let columns = [TableColumn("Patient"), TableColumn("Born"), TableColumn("From"), TableColumn("Received"), TableColumn("Start of care"),
                          TableColumn("Holds"), TableColumn("Status")]

    var body: HTML {
        var html: HTML = """
        <h1>Referral inbox</h1>
        <p>Referrals hospitals sent to the agency over FHIR. Open one to review it, match or register the patient, and accept or decline it; the hospital sees the answer on its Task.</p>
        <section class="card" id="referrals-waiting">
          <h2>Waiting for a decision (\(waiting.count))</h2>

        """
        if waiting.isEmpty {
            html += "  <p class=\"empty\" id=\"no-referrals\">No referral is waiting. New ones appear here as hospitals send them.</p>\n"
        } else {
            html += table("inbox-waiting", waiting)
        }
        html += "</section>\n"
        if !decided.isEmpty {
            html += "<section class=\"card\" id=\"referrals-decided\">\n  <h2>Recently decided</h2>\n"
            html += table("inbox-decided", decided)
            html += "</section>\n"
        }
        return html
    }

    private func table(_ id: String, _ rows: [Row]) -> HTML {
        var html = HTML.table(id: id, Self.columns, rows: rows, rowID: { $0.id }) { row in
            ["<a href=\"\(row.href)\">\(row.patient)</a>", "\(row.birthDate)", "\(row.sender)", "\(row.received)", "\(row.startOfCare)", "\(row.summary)",
             "<span class=\"flag flag-\(row.statusClass)\">\(row.status)</span>"]
        }
        html += "\n"
        return html
    }
}

extension ReferralInboxDetailPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <p><a href="\(backHref)" id="back-to-inbox">← Referral inbox</a></p>
        <h1>\(title) <span class="flag flag-\(statusClass)" id="referral-status">\(status)</span></h1>
        \(decision, { "<p id=\"referral-decision\"\(if: withdrawn, " class=\"safety-banner\" role=\"alert\"")>\($0)</p>" })
        <section class="card" id="referral-facts"><dl>\(each: facts, { "<dt>\($0.label)</dt><dd>\($0.value)</dd>" })</dl></section>

        """
        for section in sections {
            html += """
            <section class="card" id="\(section.id)"><h2>\(section.title)</h2>
            \(if: section.lines.isEmpty, { "<p class=\"empty\">\(section.empty)</p>" })\(if: !section.lines.isEmpty, { "<ul>\(each: section.lines, { "<li>\($0)</li>" })</ul>" })
            </section>

            """
        }
        if open { html += forms }
        return html
    }

    private var forms: HTML {
        var html: HTML = """
        <section class="card" id="accept-referral"><h2>Accept</h2>
          <p>Accepting registers the patient (or takes the one you choose), records the diagnoses, allergies and coverage, opens the episode at referral with the 48-hour clock counting from when the referral arrived, and puts the medication list up for reconciliation.</p>
          <form method="post" action="\(acceptAction)" novalidate id="accept-form">
            \(csrf: shell.csrfToken)
            \(acceptError, { "<p class=\"form-error\" role=\"alert\" id=\"accept-error\">\($0)</p>" })

        """
        if !matches.isEmpty {
            html += """
                <fieldset id="possible-matches"><legend>This may be a patient already registered</legend>
                  \(each: matches, { match in match.selectable
                      ? "<label><input type=\"radio\" name=\"match\" value=\"\(match.value)\"\(if: chosenMatch == match.value, " checked")> Same person: \(match.label)</label><br>"
                      : "<p class=\"meta\">\(match.label)</p>" })
                  <label><input type="radio" name="match" value="new"\(if: chosenMatch == "new", " checked") id="match-new"> A different person: register a new patient</label><br>
                  <label><input type="checkbox" name="confirmNew" value="yes"\(if: confirmNew, " checked") id="confirm-new"> I checked: this referral is not any patient listed above</label>
                </fieldset>

            """
        } else {
            html += "    <input type=\"hidden\" name=\"match\" value=\"new\">\n    <p class=\"meta\" id=\"no-matches\">No registered patient has this identifier, or this name and birth date.</p>\n"
        }
        html += """
            <button type="submit" id="accept-submit">Accept the referral</button>
          </form>
        </section>
        <section class="card" id="decline-referral"><h2>Decline</h2>
          \(HTML.postForm(declineForm, csrf: shell.csrfToken, id: "decline-form", errorID: "decline-error", button: "<button type=\"submit\" class=\"secondary\" id=\"decline-submit\">Decline the referral</button>"))
        </section>

        """
        return html
    }
}
