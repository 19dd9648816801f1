import Foundation

/// The second step of signing in: the code from the authenticator app, or a recovery code.
struct LoginCodePage: HTMLPage {
    var shell: PageShell
    var username: String
    var error: String?
    var next: String

    var body: HTML {
        """
        <section class="card narrow">
          <h1>Two-step sign-in</h1>
          <p>Open the authenticator app on your phone and type the 6-digit code it shows for Hearth (\(username)).</p>
          \(error, { "<p class=\"form-error\" id=\"code-error\" role=\"alert\">\($0)</p>" })
          <form method="post" action="\(SiteURL.loginCode.path)" id="code-form" novalidate>
            \(csrf: shell.csrfToken)
            <input type="hidden" name="next" value="\(next)">
            <label for="code">Code</label>
            <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxlength="8" autofocus required\(if: error != nil, " aria-describedby=\"code-error\"")>
            <button type="submit" id="code-submit">Verify</button>
          </form>
          <details id="use-recovery-code"><summary>Lost your phone? Use a recovery code</summary>
            <form method="post" action="\(SiteURL.loginCode.path)" id="recovery-form" novalidate>
              \(csrf: shell.csrfToken)
              <input type="hidden" name="next" value="\(next)">
              <label for="recovery-code">Recovery code</label>
              <input id="recovery-code" name="recoveryCode" autocomplete="off" autocapitalize="none" spellcheck="false">
              <p class="hint">One of the codes you saved when you set up two-step sign-in, like 7kq2-m9xd-4hrb-p0tw. Each works once.</p>
              <button type="submit" class="secondary" id="recovery-submit">Use recovery code</button>
            </form>
          </details>
          <p class="hint">No phone and no recovery code? Ask an administrator to reset your two-step sign-in. <a href="\(SiteURL.login.path)">Sign in as someone else</a></p>
        </section>
        """
    }
}

/// A person's own two-step sign-in: on or off, recovery codes left, new codes, turning it off.
struct TwoStepPage: HTMLPage {
    var shell: PageShell
    var enabledOn: String?
    var codesLeft: Int
    /// Their role requires it: it cannot be turned off here.
    var required: Bool
    var notice: String?
    var regenerateError: String?
    var turnOffErrors: [String: String] = [:]

    var body: HTML {
        let status: HTML = if let enabledOn {
            "<p id=\"two-step-status\"><strong>On</strong> since \(enabledOn). \(codesLeft) of 10 recovery codes left.</p>"
        } else {
            "<p id=\"two-step-status\"><strong>Off.</strong> \(required ? "Your role requires it: set it up now." : "Turn it on so that a stolen password alone does not open Hearth.")</p>"
        }
        var html: HTML = """
        <h1>Two-step sign-in</h1>
        <p class="lede">After your password, Hearth asks for a code from an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, 1Password, FreeOTP and others).</p>
        \(notice, { "<p class=\"notice\" role=\"status\">\($0)</p>" })
        <section class="card">\(status)
          <a class="button" href="\(SiteURL.account(.twoStepSetup).path)" id="set-up-two-step">\(enabledOn == nil ? "Set up an authenticator" : "Move to a new phone")</a>
        </section>
        """
        guard enabledOn != nil else { return html }
        html += """
        <section class="card">
          <h2>Recovery codes</h2>
          <p>New codes replace all the old ones, used or not.</p>
          <form method="post" action="\(SiteURL.account(.twoStepRecoveryCodes).path)" id="regenerate-codes">
            \(csrf: shell.csrfToken)
            \(HTML.field(InputField(id: "regenerate-password", name: "password", label: "Your password", type: "password", error: regenerateError)))
            <button type="submit" class="secondary">Make new recovery codes</button>
          </form>
        </section>
        """
        if required {
            html += "<p class=\"hint\" id=\"two-step-required\">Your role requires two-step sign-in, so it cannot be turned off. Lost your phone? An administrator can reset it.</p>"
            return html
        }
        html += """
        <section class="card">
          <h2>Turn off two-step sign-in</h2>
          <form method="post" action="\(SiteURL.account(.twoStepTurnOff).path)" id="turn-off-two-step">
            \(csrf: shell.csrfToken)
            \(HTML.field(InputField(id: "off-password", name: "password", label: "Your password", type: "password", error: turnOffErrors["password"])))
            \(HTML.field(InputField(id: "off-code", name: "code", label: "A code from your app, or a recovery code", error: turnOffErrors["code"], inputMode: nil)))
            <button type="submit" class="secondary">Turn off</button>
          </form>
        </section>
        """
        return html
    }
}

/// Setting up an authenticator: the key to type or the address to open, then a code to prove it works.
struct TwoStepSetupPage: HTMLPage {
    var shell: PageShell
    var secretGroups: String
    var uri: String
    var required: Bool
    var replacing: Bool
    var error: String?

    var body: HTML {
        """
        <h1>Set up two-step sign-in</h1>
        \(if: required, { "<p class=\"notice\" role=\"status\" id=\"two-step-required\">Your role requires two-step sign-in. Set it up to continue.</p>" })
        \(if: replacing, { "<p class=\"notice\" role=\"status\">Your current authenticator keeps working until a code from the new one is accepted here.</p>" })
        <section class="card">
          <ol class="steps">
            <li>Install an authenticator app on your phone if you have none (Google Authenticator, Microsoft Authenticator, 1Password, FreeOTP).</li>
            <li>On this phone, <a href="\(uri)" id="otpauth-link">open the key in your app</a>. Elsewhere, choose “enter a setup key” in the app and type this key (time-based):
              <p class="secret" id="totp-secret"><code>\(secretGroups)</code></p>
            </li>
            <li>Type the 6-digit code the app now shows for Hearth.</li>
          </ol>
          \(error, { "<p class=\"form-error\" id=\"setup-error\" role=\"alert\">\($0)</p>" })
          <form method="post" action="\(SiteURL.account(.twoStepConfirm).path)" id="confirm-two-step" novalidate>
            \(csrf: shell.csrfToken)
            <label for="setup-code">Code from the app</label>
            <input id="setup-code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxlength="8" required\(if: error != nil, " aria-describedby=\"setup-error\"")>
            <button type="submit" id="confirm-submit">Turn on two-step sign-in</button>
          </form>
          <form method="post" action="\(SiteURL.account(.twoStepSetup).path)" class="inline">
            \(csrf: shell.csrfToken)
            <button type="submit" class="link" id="new-key">Show a different key</button>
          </form>
        </section>
        <p class="hint">The address your app reads: <code id="otpauth-uri">\(uri)</code></p>
        """
    }
}

/// Recovery codes, shown once: Hearth keeps only their hashes.
struct RecoveryCodesPage: HTMLPage {
    var shell: PageShell
    var heading: String
    var codes: [String]

    var body: HTML {
        """
        <h1>\(heading)</h1>
        <section class="card">
          <h2>Your recovery codes</h2>
          <p>If you lose your phone, sign in with one of these instead of a code. Each works once. Save them now (print this page, or keep them in a password manager): <strong>Hearth will not show them again.</strong></p>
          <ol class="recovery-codes" id="recovery-codes">\(each: codes, { "<li><code>\($0)</code></li>" })</ol>
          <a class="button" href="\(SiteURL.home.path)" id="codes-saved">I have saved my codes</a>
        </section>
        """
    }
}
