extension LoginPage: HTMLPage {
    var body: HTML {
        """
        <section class="card narrow">
          <h1>Sign in to Hearth</h1>
          \(notice, { "<p class=\"notice\" role=\"status\">\($0)</p>" })
          \(error, { "<p class=\"form-error\" id=\"login-error\" role=\"alert\">\($0)</p>" })
          <form method="post" action="\(SiteURL.login)" novalidate>
            \(csrf: shell.csrfToken)
            <input type="hidden" name="next" value="\(next)">
            <label for="username">Username</label>
            <input id="username" name="username" autocomplete="username" autocapitalize="none" required value="\(username.value)"\(if: error != nil, " aria-describedby=\"login-error\"")>
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit" id="login-submit">Sign in</button>
          </form>
          <p class="hint">Hearth signs you out after a period without activity. Five wrong passwords lock the account for 15 minutes.</p>
        </section>
        """
    }
}
