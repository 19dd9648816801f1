extension HospitalStayPage: HTMLPage {
    static let timelineColumns = [TableColumn("Status"), TableColumn("From"), TableColumn("Until"), TableColumn("Detail")]
    static let deliveredColumns = [TableColumn("Notice"), TableColumn("Delivered"), TableColumn("Signature"), TableColumn("Received by"), TableColumn("Delivered by")]

    /// A check's level as a badge colour.
    static func levelFlag(_ level: String) -> String {
        switch level {
        case "warning": "overdue"
        case "attention": "due_soon"
        default: "ok"
        }
    }

    var body: HTML {
        var html: HTML = """
        <p><a href="\(backHref)" id="back-to-units">← My units</a></p>
        <h1>\(name)</h1>
        <section class="card" id="stay-facts">
          <dl class="answers">\(each: facts, { "<div><dt>\($0.label)</dt><dd>\($0.value)</dd></div>" })</dl>
        </section>
        <section class="card" id="checks">
          <h2>Status and discharge checks</h2>
          <ul class="records">\(each: checks, { c in
            "<li id=\"check-\(c.id)\"><strong>\(c.title)</strong> <span class=\"flag flag-\(Self.levelFlag(c.level))\">\(c.level == "ok" ? "OK" : c.level == "warning" ? "Act" : "Review")</span><br><small>\(c.explanation)</small></li>"
          })</ul>
        </section>

        """
        html += utilizationCard
        html += noticesCard
        html += timelineCard
        html += planCard
        if let dischargePlan { html += dischargePlan.html(csrf: shell.csrfToken) }
        return html
    }

    private var noticesCard: HTML {
        var html: HTML = """
        <section class="card" id="notices">
          <h2>Notices</h2>

        """
        if notices.isEmpty {
            html += "  <p class=\"empty\">No Medicare notice is owed on this stay.</p>\n"
        } else {
            html += "  <ul class=\"records\">"
            for notice in notices {
                html += """
                <li id="notice-\(notice.kind)"><strong>\(notice.title)</strong> <span class="flag flag-\(notice.flagClass == "not_applicable" ? "upcoming" : notice.flagClass)" id="notice-\(notice.kind)-status">\(notice.status)</span>
                  \(notice.deliverHref, { "<a href=\"\($0)\" class=\"deliver-link\">Record delivery</a>" })<br><small>\(notice.explanation)</small></li>
                """
            }
            html += "</ul>\n"
        }
        if !delivered.isEmpty {
            html += "<h3>Delivered</h3>\n"
            html += HTML.table(id: "delivered-notices", Self.deliveredColumns, rows: delivered) { d in
                ["\(d.title)", "\(d.when)", "\(d.outcome)\(d.note, { "<br><small>\($0)</small>" })", "\(d.recipient)", "\(d.by)"]
            }
        }
        if canWrite {
            html += """
              <h3 id="deliver-notice">Record a delivered notice</h3>
              \(HTML.postForm(noticeForm, csrf: shell.csrfToken, id: "notice-form", errorID: "notice-error", button: "<button type=\"submit\" id=\"record-notice\">Record delivery</button>"))

            """
        }
        html += "</section>\n\n"
        return html
    }

    private var timelineCard: HTML {
        var html: HTML = """
        <section class="card" id="timeline">
          <h2>Status timeline</h2>
          \(HTML.table(id: "status-timeline", Self.timelineColumns, rows: timeline) { ["\($0.status)", "\($0.from)", "\($0.until)", "\($0.detail)"] })

        """
        if canWrite && (!discharged || refusedForm == "status") {
            html += """
              <h3>Change status</h3>
              <p class="hint">From an order. Inpatient to outpatient is condition code 44: the UR committee physician's determination and the attending's concurrence, before discharge.</p>
              \(HTML.postForm(statusForm, csrf: shell.csrfToken, id: "status-form", errorID: "status-error", button: "<button type=\"submit\" id=\"change-status\">Change status</button>"))

            """
        }
        html += "</section>\n"
        return html
    }

    private var planCard: HTML {
        var html: HTML = """
        <section class="card" id="plan">
          <h2>Discharge</h2>

        """
        if canWrite && (!discharged || refusedForm == "plan") {
            html += HTML.postForm(dischargeDateForm, csrf: shell.csrfToken, id: "plan-form", errorID: "plan-error",
                                  button: "<button type=\"submit\" id=\"save-plan\">Save expected discharge</button>")
        }
        if !canWrite {
            html += "<p class=\"hint\">The hospital case manager records notices, status changes and the discharge.</p>\n"
        } else if !discharged || refusedForm == "discharge" {
            html += "<h3>Discharge the patient</h3>\n"
            html += HTML.postForm(dischargeForm, csrf: shell.csrfToken, id: "discharge-form", errorID: "discharge-error",
                                  button: "<button type=\"submit\" id=\"discharge\">Discharge</button>")
        } else {
            html += "<p id=\"discharged-note\">The stay has ended: its status and plan can no longer change.</p>\n"
        }
        html += "</section>"
        return html
    }
}
