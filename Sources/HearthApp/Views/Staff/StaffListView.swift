extension StaffListPage: HTMLPage {
    static let columns = [TableColumn("Name"), TableColumn("Role"), TableColumn("Discipline"), TableColumn("Credentials"), TableColumn("Needs attention")]

    var body: HTML {
        var html: HTML = """
        <h1>Staff</h1>
        <section class="card" id="credential-alerts">
          <h2>Credentials expiring or expired</h2>

        """
        if alerts.isEmpty {
            html += "  <p class=\"empty\">No credential expires in the next 60 days.</p>\n"
        } else {
            html += "  <ul class=\"records\">\(each: alerts, { "<li><span class=\"flag flag-\($0.flag)\">\($0.status)</span> <a href=\"\($0.href)\">\($0.name)</a>: \($0.credential)</li>" })</ul>\n"
        }
        html += """
        </section>
        <section class="card" id="staff">
          <h2>Everyone</h2>
          \(HTML.table(Self.columns, rows: staff) { member in
            ["<a href=\"\(member.href)\">\(member.name)</a>", "\(member.role)", "\(member.discipline)", "\(member.credentials)",
             "\(member.attention, { "<span class=\"flag flag-\(member.flag)\">\($0)</span>" })"]
          })
        </section>
        """
        return html
    }
}
