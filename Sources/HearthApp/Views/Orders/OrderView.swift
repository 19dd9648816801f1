extension OrderPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <p><a href="\(chartHref)">← Chart</a> · <a href="\(carePlanHref)">Care plan</a></p>
        <h1>\(title): \(patientName)</h1>
        <p class="meta">To \(physician) · <span class="status status-\(status)" id="order-status">\(statusTitle)</span>\(if: revision > 1, { " · revision \(revision)" })\(sent, { " · sent \($0)" })</p>
        \(error, { "<p class=\"form-error\" role=\"alert\" id=\"order-error\">\($0)</p>" })
        \(verbal, { "<p id=\"verbal-receipt\">\($0)</p>" })
        \(withdrawal, { "<p class=\"card\" id=\"withdrawal\">\($0)</p>" })
        \(if: !rejections.isEmpty, { "<div class=\"card\" id=\"rejections\"><h2>Returned by the physician</h2><ul>\(each: rejections, { "<li>\($0)</li>" })</ul></div>" })
        <section class="card" id="order-document">
          <h2>\(manifest == nil ? "The order as sent" : "The order as signed")</h2>
          <pre class="document">\(document)</pre>
          \(manifest, { "<pre class=\"manifest\" id=\"signature-manifest\">\($0)</pre>" })
        </section>

        """
        if mayDecide {
            html += """
            <section class="card" id="decide">
              <h2>Sign or return</h2>
              <form method="post" action="\(signAction)" novalidate>
                \(csrf: shell.csrfToken)
                <div class="field"><label for="sign-password">Re-enter your password to sign electronically</label>
                <input id="sign-password" name="password" type="password" autocomplete="current-password"></div>
                <button type="submit" id="sign-order">Sign</button>
              </form>
              <form method="post" action="\(rejectAction)" novalidate>
                \(csrf: shell.csrfToken)
                <div class="field wide"><label for="reject-comment">Or return it to the case manager, saying what to change</label>
                <textarea id="reject-comment" name="comment" rows="2"></textarea></div>
                <button type="submit" class="secondary" id="reject-order">Return unsigned</button>
              </form>
            </section>

            """
        }
        if mayResend {
            html += """
            <section class="card" id="correct-and-resend">
              <h2>Correct and resend</h2>
              <p>\(resendHint) <a href="\(carePlanHref)" id="correct-on-care-plan">Open the care plan</a></p>
              <form method="post" action="\(resendAction)">
                \(csrf: shell.csrfToken)
                <button type="submit" id="resend-order">Send the corrected order again</button>
              </form>
            </section>

            """
        }
        if mayWithdraw {
            html += """
            <details class="card" id="withdraw"\(if: withdrawOpen, " open")><summary>Withdraw this order instead</summary>
              <form method="post" action="\(withdrawAction)" novalidate>
                \(csrf: shell.csrfToken)
                <div class="field wide"><label for="withdraw-reason">Why it is withdrawn (kept on the order and in the chart's history)</label>
                <textarea id="withdraw-reason" name="reason" rows="2"></textarea></div>
                <button type="submit" class="secondary" id="withdraw-order">Withdraw the order</button>
              </form>
            </details>

            """
        }
        return html
    }
}
