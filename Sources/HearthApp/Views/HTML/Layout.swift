/// The page shell every screen shares: title, stylesheet, skip link, top bar with the role's navigation,
/// who is signed in and the sign-out form.
enum Layout {
    static func page(_ shell: PageShell, _ body: HTML) -> HTML {
        var html = HTML(capacity: body.bytes.count + 2_048)
        html += """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>\(shell.title) · Hearth</title>
          <link rel="stylesheet" href="\(shell.stylesheet)">
          <script src="/js/keep.js" defer></script>
        </head>
        <body>
          <a class="skip" href="#main">Skip to content</a>
          <header class="topbar">
            <a class="brand" href="/">Hearth</a>

        """
        if let user = shell.user {
            html += """
                <nav aria-label="Main">
                  <ul>
                  \(each: shell.nav, { item in
                    "<li><a href=\"\(item.href)\"\(if: item.current, " aria-current=\"page\"")>\(item.label)</a></li>"
                  })
                  </ul>
                </nav>
                <div class="who">
                  <span id="signed-in-user" title="\(user.roleTitle)">\(user.displayName) <small>(\(user.username), \(user.roleTitle))</small></span>
                  <a href="\(SiteURL.account(.password).path)" id="change-password">Password</a>
                  <a href="\(SiteURL.account(.twoStep).path)" id="two-step-link">Two-step sign-in</a>
                  <form method="post" action="\(shell.logoutPath)" class="inline">
                    \(csrf: shell.csrfToken)
                    <button type="submit" id="logout" class="link">Sign out</button>
                  </form>
                </div>

            """
        }
        html += """
          </header>
          <main id="main">

        """
        if let emergency = shell.emergency { html += emergencyBanner(emergency, csrf: shell.csrfToken) }
        html += body
        html += """

          </main>
        </body>
        </html>

        """
        return html
    }
}

extension Layout {
    /// Break-the-glass, said on every page of the chart while it lasts, above everything else and at any width
    /// [45 CFR 164.312(a)(2)(ii)].
    static func emergencyBanner(_ banner: PageShell.EmergencyBanner, csrf: String) -> HTML {
        """
        <div class="emergency-banner" role="alert" id="emergency-banner">
          <p><strong>Emergency access</strong> until \(banner.until). You are not on this patient's care team: everything you open or change here is recorded as emergency access and reviewed by a supervisor.</p>
          <form method="post" action="\(banner.endAction)" class="inline">\(csrf: csrf)<button type="submit" id="emergency-end">End emergency access</button></form>
        </div>
        <p class="emergency-strip" aria-hidden="true">Emergency access until \(banner.until): recorded and reviewed</p>

        """
    }
}

extension HTML.Interpolation {
    /// The hidden form tokens every POST form carries: `\(csrf: shell.csrfToken)`. Beside the CSRF token, a one-time
    /// token that makes a second post of the same form change nothing (`OnceMiddleware`).
    mutating func appendInterpolation(csrf token: String) {
        appendLiteral("<input type=\"hidden\" name=\"_csrf\" value=\"")
        appendInterpolation(token)
        appendLiteral("\"><input type=\"hidden\" name=\"_once\" value=\"")
        appendInterpolation(Secret.make())
        appendLiteral("\">")
    }
}

extension PageShell {
    /// A shell from its parts, for views tested without a request.
    init(title: String, user: SignedIn?, nav: [NavItem], csrfToken: String) {
        self.title = title
        self.user = user
        self.nav = nav
        self.csrfToken = csrfToken
    }
}
