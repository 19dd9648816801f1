import Foundation
import HearthCore

/// The administrator's list of users, each with the actions its state allows, and the form to add one.
struct UsersPage: Sendable {
    struct Row: Sendable {
        var id: UUID
        var username: String
        var displayName: String
        var role: Role
        var status: AccountStatus
        /// An administrator does not disable themselves.
        var isSelf: Bool
        var hasTwoStep = false
        var error: String?

        func href(_ action: AdminURL.UserAction) -> String { SiteURL.admin(.user(id, action)).path }
    }

    var shell: PageShell
    var rows: [Row]
    var notice: String?
    /// The roles that must use two-step sign-in (`HEARTH_MFA_REQUIRED`).
    var twoStepRequired: Set<Role> = []
    var createFields: [InputField]
    /// Open when the form came back with an error, so the message and the typing are in view.
    var createOpen = false

    static func notice(for done: String) -> String? {
        switch done {
        case "created": "User created. They choose their own password at their first sign-in."
        case "disabled": "User disabled. Their sessions and tokens have ended."
        case "enabled": "User re-enabled."
        case "unlocked": "Account unlocked."
        case "role": "Role changed."
        case "reset": "Password reset. They must choose a new one at their next sign-in."
        case "two-step": "Two-step sign-in reset. Their sessions have ended; they set it up again from their account page (at once when their role requires it)."
        default: nil
        }
    }
}

enum UsersView {
    static func render(_ page: UsersPage) -> HTML {
        let csrf = page.shell.csrfToken
        let notice: HTML = page.notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? HTML()
        let columns = ["Username", "Name", "Role", "Status", "Two-step sign-in", "Actions"].map { TableColumn($0) }
        let table = HTML.table(id: "users", columns, rows: page.rows, rowClass: { $0.status == .disabled ? "inactive" : nil }) { row in
            [
                "<span id=\"user-\(row.username)\">\(row.username)</span>",
                "\(row.displayName)",
                "\(row.role.title)",
                "<span class=\"status-\(row.status.label.lowercased().replacingOccurrences(of: " ", with: "-"))\">\(row.status.label)</span>",
                twoStep(row, required: page.twoStepRequired.contains(row.role)),
                actions(row, csrf: csrf),
            ]
        }
        let body: HTML = """
        <h1>Users</h1>
        <p class="lede">Who can sign in to Hearth. Disabling a user ends their sessions and tokens at once; every change here is in the <a href="\(SiteURL.admin(.audit).path)?action=user.">audit trail</a>. Bearer tokens: <a href="\(SiteURL.admin(.tokens).path)">Tokens</a>.</p>
        \(notice)
        <p class="hint" id="two-step-policy">\(page.twoStepRequired.isEmpty
            ? "Two-step sign-in is optional for every role. To require it for administrators and supervisors, the operator sets HEARTH_MFA_REQUIRED=admin,supervisor and restarts Hearth."
            : "Two-step sign-in is required for: \(page.twoStepRequired.sorted().map(\.title).joined(separator: ", ")) (HEARTH_MFA_REQUIRED); optional for everyone else.")</p>
        <details class="card" id="add-user-panel"\(if: page.createOpen, " open")><summary id="add-user">Add a user</summary>
          <form method="post" action="\(SiteURL.admin(.users).path)" id="create-user">
            \(csrf: csrf)
            <div class="grid">\(page.createFields.map(HTML.field))</div>
            <button type="submit">Add user</button>
          </form>
        </details>
        \(table)
        """
        return Layout.page(page.shell, body)
    }

    private static func twoStep(_ row: UsersPage.Row, required: Bool) -> HTML {
        let state = row.hasTwoStep ? "On" : required ? "Required, not set up" : "Off"
        return "<span id=\"two-step-\(row.username)\">\(state)</span>"
    }

    private static func actions(_ row: UsersPage.Row, csrf: String) -> HTML {
        var html = HTML()
        var options = HTML()
        for role in Role.allCases {
            options += "<option value=\"\(role.rawValue)\"\(if: role == row.role, " selected")>\(role.title)</option>"
        }
        if let error = row.error { html += "<p class=\"field-error\" role=\"alert\">\(error)</p>" }
        html += "<div class=\"row-actions\">"
        if row.status == .disabled {
            html += button(row.href(.enable), "Re-enable", id: "enable-\(row.username)", csrf: csrf)
        } else if !row.isSelf {
            html += button(row.href(.disable), "Disable", id: "disable-\(row.username)", csrf: csrf)
        }
        if row.status == .locked {
            html += button(row.href(.unlock), "Unlock", id: "unlock-\(row.username)", csrf: csrf)
        }
        if row.hasTwoStep {
            html += button(row.href(.resetTwoStep), "Reset two-step sign-in", id: "reset-two-step-\(row.username)", csrf: csrf)
        }
        html += """
        </div>
        <details id="manage-\(row.username)"><summary>Role or password</summary>
        <form method="post" action="\(row.href(.role))">\(csrf: csrf)
          <label for="role-\(row.username)">Role</label>
          <select id="role-\(row.username)" name="role">\(options)</select>
          <button type="submit" class="secondary">Change role</button>
        </form>
        <form method="post" action="\(row.href(.resetPassword))">\(csrf: csrf)
          <label for="reset-\(row.username)">Temporary password</label>
          <input id="reset-\(row.username)" name="password" type="password" autocomplete="new-password">
          <button type="submit" class="secondary">Reset password</button>
        </form>
        </details>

        """
        return html
    }

    private static func button(_ action: String, _ label: String, id: String, csrf: String) -> HTML {
        "<form method=\"post\" action=\"\(action)\" class=\"inline\">\(csrf: csrf)<button type=\"submit\" id=\"\(id)\" class=\"secondary\">\(label)</button></form>"
    }
}
