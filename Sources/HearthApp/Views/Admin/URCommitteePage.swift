import Foundation

/// Each hospital's UR committee roster, what it lacks, and the form that adds a physician [42 CFR 482.30(b)].
struct URCommitteePage: Sendable {
    struct Member: Sendable {
        var name: String
        var role: String
        /// The member's declared financial interest in the hospital, nil when none.
        var interest: String?
        var addedBy: String
        /// The roster row's id: the member's forms post to `/admin/ur-committee/<rowID>/…`.
        var rowID: UUID
        /// A short id for the page's element ids.
        var id: String
    }

    struct Hospital: Sendable {
        var id: String
        var name: String
        var problem: String?
        var members: [Member]
    }

    var shell: PageShell
    var notice: String?
    var hospitals: [Hospital]
    var form: PageForm
}

extension URCommitteePage: HTMLPage {
    static let columns = ["Member", "Role", "Financial interest in the hospital", "Added by", ""].map { TableColumn($0) }

    var body: HTML {
        var html: HTML = """
        <h1>UR committee</h1>
        <p class="lede">The physicians who review stays for each hospital. "A UR committee consisting of two or more practitioners must carry out the UR function. At least two of the members of the committee must be doctors of medicine or osteopathy" [42 CFR 482.30(b)]. A member who cares for the patient, or who has a direct financial interest in the hospital, reviews no such stay [42 CFR 482.30(b)(3)].</p>
        \(notice, { "<p class=\"notice\" role=\"status\" id=\"committee-notice\">\($0)</p>" })
        <section class="card" id="add-member">
          <h2>Add a physician</h2>
          \(HTML.postForm(form, csrf: shell.csrfToken, id: "committee-form", errorID: "committee-error", button: "<button type=\"submit\" id=\"save-member\">Add to the committee</button>"))
        </section>

        """
        if hospitals.isEmpty { html += "<p class=\"empty\" id=\"committee-empty\">No hospital has units yet: a committee belongs to a hospital.</p>\n" }
        for hospital in hospitals {
            html += """
            <section class="card" id="committee-\(hospital.id)">
              <h2>\(hospital.name)</h2>
              \(hospital.problem, { "<p class=\"form-error\" id=\"composition-\(hospital.id)\">\($0)</p>" })
              \(members(hospital))
            </section>

            """
        }
        return html
    }

    private func members(_ hospital: Hospital) -> HTML {
        guard !hospital.members.isEmpty else { return "<p class=\"empty\">No member yet.</p>" }
        return HTML.table(id: "members-\(hospital.id)", Self.columns, rows: hospital.members) { member in
            ["\(member.name)", "\(member.role)", interestForm(member), "\(member.addedBy)",
             "<form method=\"post\" action=\"\(SiteURL.admin(.urCommitteeMember(member.rowID, .remove)).path)\" class=\"inline\">\(csrf: shell.csrfToken)<button type=\"submit\" class=\"secondary\">Remove</button></form>"]
        }
    }

    /// The interest as declared, changed or cleared in place (empty saves "none").
    private func interestForm(_ member: Member) -> HTML {
        """
        <form method="post" action="\(SiteURL.admin(.urCommitteeMember(member.rowID, .interest)).path)" class="inline member-interest">\(csrf: shell.csrfToken)\
        <label class="visually-hidden" for="interest-\(member.id)">Financial interest of \(member.name)</label>\
        <input type="text" name="financialInterest" id="interest-\(member.id)" value="\(member.interest ?? "")" placeholder="None recorded">\
        <button type="submit" class="secondary">Save</button></form>
        """
    }
}
