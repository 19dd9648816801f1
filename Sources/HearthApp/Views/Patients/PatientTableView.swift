extension HTML {
    static let patientColumns = [TableColumn("Patient"), TableColumn("MRN"), TableColumn("Date of birth"), TableColumn("Episode"),
                                 TableColumn("Certification"), TableColumn("Deadlines"), TableColumn("Case manager")]

    /// Patients with their episode, certification and what is overdue; a card per patient on a phone.
    static func patientTable(_ rows: [PatientRow]) -> HTML {
        table(class: "patients", patientColumns, rows: rows) { row in
            [
                "<a href=\"\(row.href)\">\(row.name)</a>",
                "\(row.mrn)",
                "\(row.birthDate)\(row.age, { " (\($0))" })",
                row.episodeTitle.map { title -> HTML in "<span class=\"status status-\(row.episodeStatus)\">\(title)</span>" } ?? "<em>none</em>",
                "\(row.certification)\(row.recertification, { " <span class=\"flag flag-\($0)\">Recert \($0)</span>" })",
                """
                \(if: row.overdue > 0, { "<span class=\"flag flag-overdue\">\(row.overdue) overdue</span> " })\
                \(if: row.dueSoon > 0, { "<span class=\"flag flag-due_soon\">\(row.dueSoon) due soon</span> " })\
                \(if: row.lupaAtRisk > 0, { "<a href=\"\(row.href)#payment-periods\" class=\"flag flag-lupa-at_risk\">LUPA risk</a> " })\
                \(if: row.refillsOverdue > 0, { "<span class=\"flag flag-overdue\">\(row.refillsOverdue) refill overdue</span> " })\
                \(if: row.refillsDue > 0, { "<span class=\"flag flag-due_soon\">\(row.refillsDue) refill due</span>" })
                """,
                row.caseManager.map(HTML.text) ?? "<em>unassigned</em>",
            ]
        }
    }

    /// One contact, directive or outside contact, with its Remove button when the user may remove it.
    static func profileLine(_ line: ProfileLine) -> HTML {
        var html: HTML = "<li><strong>\(line.title)</strong> — \(line.detail)\(line.phone, { " · <a href=\"tel:\($0)\">\($0)</a>" })"
        if let remove = line.removeHref {
            html += "\n  <form method=\"post\" action=\"\(remove)\" class=\"inline\">\(csrf: line.csrfToken ?? "")<button type=\"submit\" class=\"link\">Remove</button></form>"
        }
        html += "</li>"
        return html
    }
}
