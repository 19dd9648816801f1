/// A person's own password: current, new, new again.
struct ChangePasswordPage: Sendable {
    var shell: PageShell
    /// An administrator reset it: nothing else opens until it is changed.
    var required: Bool
    var fields: [InputField]
}

enum ChangePasswordView {
    static func render(_ page: ChangePasswordPage) -> HTML {
        let required: HTML = page.required
            ? "<p class=\"notice\" role=\"status\" id=\"password-required\">Your password was set by an administrator. Choose your own to continue.</p>"
            : HTML()
        let fields = page.fields.map(HTML.field)
        let body: HTML = """
        <h1>Change your password</h1>
        \(required)
        <form method="post" action="\(SiteURL.account(.password).path)" class="card narrow" id="change-password">
          \(csrf: page.shell.csrfToken)
          \(fields)
          <button type="submit">Change password</button>
        </form>
        <p class="hint narrow">A password alone can be stolen: <a href="\(SiteURL.account(.twoStep).path)">two-step sign-in</a> adds a code from your phone.</p>
        """
        return Layout.page(page.shell, body)
    }
}
