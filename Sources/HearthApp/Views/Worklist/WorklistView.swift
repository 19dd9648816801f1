extension WorklistPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <h1>Worklist</h1>
        <nav class="tabs" aria-label="Worklist views"><ul>\(each: views, { v in "<li><a href=\"\(v.href)\" id=\"view-\(v.id)\"\(if: v.current, " aria-current=\"page\"")>\(v.title)</a></li>" })</ul></nav>
        <section class="card" id="worklist-counts">
          <p><strong>\(counts.open)</strong> open · <span class="flag flag-overdue">\(counts.overdue) overdue</span> · <span class="flag flag-due_soon">\(counts.dueToday) due today</span> · \(counts.urgent) urgent</p>
          \(shownNote, { "<p class=\"hint\" id=\"worklist-shown\">\($0)</p>" })
          \(if: !byOwner.isEmpty, { "<p class=\"hint\">By person: \(byOwner.map { "\($0.name) \($0.count)" }.joined(separator: " · "))</p>" })

        """
        if !ownerOptions.isEmpty {
            html += """
              <form method="get" action="\(SiteURL.worklist.path)" class="inline"><input type="hidden" name="view" value="\(view)">
                <label for="owner-filter">Show the tasks of</label>
                <select id="owner-filter" name="owner"><option value="">Everyone</option>\(each: ownerOptions, { "<option value=\"\($0.value)\"\(if: $0.selected, " selected")>\($0.label)</option>" })</select>
                <button type="submit">Show</button></form>

            """
        }
        html += "</section>\n<section class=\"card\" id=\"tasks\">\n"
        if tasks.isEmpty {
            html += view == "done" ? "  <p class=\"empty\">Nothing done yet.</p>\n"
                : "  <p class=\"empty\">No open tasks. Tasks come from safety alerts, unsigned orders, overdue deadlines, missed visits, referrals waiting for an answer, home hazards to check, teaching to reinforce and follow-ups from the communication log — or add one below.</p>\n"
        } else {
            let showOwner = view != "mine"
            var columns = [TableColumn("Task"), TableColumn("Patient")]
            if showOwner { columns.append(TableColumn("For")) }
            columns += [TableColumn("Due"), TableColumn("Source"), TableColumn("")]
            html += HTML.table(id: "task-list", columns, rows: tasks, rowID: { "task-\($0.id)" }) { t in
                var cells: [HTML] = [
                    "<span class=\"flag flag-\(t.flagClass)\">\(t.flag)</span> <strong>\(t.title)</strong>\(t.detail, { "<br><small>\($0)</small>" })\(t.completion, { "<br><small>\($0)</small>" })",
                    "<a href=\"\(t.patientHref)\">\(t.patient)</a>",
                ]
                if showOwner { cells.append("\(t.owner)") }
                cells += ["\(t.due)", "<small>\(t.source)</small>", actions(t)]
                return cells
            }
            html += "\n"
        }
        html += """
        </section>
        <section class="card" id="add-task">
          <h2>Add a task</h2>
          <form method="post" action="\(form.action)" novalidate>
            \(csrf: shell.csrfToken)
            \(HTML.formFields(form, errorID: "task-error"))
            <button type="submit" id="add-task-submit">Add task</button>
          </form>
        </section>
        """
        return html
    }

    /// Record the contact (safety alert), Correct and resend (returned order), Done, or Snooze with a reason (deadline task).
    private func actions(_ t: Task) -> HTML {
        var html = HTML()
        if let contact = t.contactHref { html += "<a href=\"\(contact)\" class=\"button\" id=\"contact-\(t.id)\">Record the contact</a>" }
        if let order = t.orderHref { html += "<a href=\"\(order)\" class=\"button\" id=\"correct-\(t.id)\">Correct and resend</a>" }
        if let done = t.doneAction {
            html += "<form method=\"post\" action=\"\(done)\">\(csrf: csrfToken)<input type=\"hidden\" name=\"back\" value=\"\(back)\"><button type=\"submit\" id=\"done-\(t.id)\">Done</button></form>"
        }
        if let snooze = t.snoozeAction {
            html += """
            <details class="snooze"><summary id="snooze-open-\(t.id)">Snooze…</summary><form method="post" action="\(snooze)">\(csrf: csrfToken)<input type="hidden" name="back" value="\(back)">\
            <label for="snooze-days-\(t.id)">Snooze</label> <select id="snooze-days-\(t.id)" name="days"><option value="1">1 day</option><option value="2">2 days</option><option value="3">3 days</option><option value="7">a week</option></select> \
            <label for="snooze-reason-\(t.id)">because</label> <input id="snooze-reason-\(t.id)" name="reason" required minlength="5" placeholder="visit booked Thursday"> \
            <button type="submit" id="snooze-\(t.id)">Snooze</button></form></details>
            """
        }
        return html
    }
}
