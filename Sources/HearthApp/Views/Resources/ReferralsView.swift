extension ReferralsPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <p><a href="\(chartHref)" id="back-to-chart">← Back to the chart</a></p>
        <h1>\(name): referrals</h1>
        <p><a href="\(searchHref)" id="find-resources">Find a community resource</a></p>

        """
        if canWrite {
            html += """
            <details class="card" id="refer-provider"\(if: provider != nil, " open")><summary>Refer to a provider outside the directory</summary>
              <form method="post" action="\(referAction)" novalidate class="grid">
                \(csrf: shell.csrfToken)
                <div class="field"><label for="p-name">Provider</label><input id="p-name" name="providerName" value="\(provider?.providerName)"></div>
                <div class="field"><label for="p-specialty">Specialty</label><input id="p-specialty" name="specialty" value="\(provider?.specialty)"></div>
                <div class="field"><label for="p-contact">Phone or fax</label><input id="p-contact" name="contact" value="\(provider?.contact)"></div>
                <div class="field wide"><label for="p-need">Need</label><input id="p-need" name="need" value="\(provider?.need)"></div>
                <button type="submit" id="refer-provider-submit">Create the referral</button>
              </form>
            </details>

            """
        }
        html += """
        \(error, { "<p class=\"form-error\" role=\"alert\" id=\"referral-error\">\($0)</p>" })
        <section class="card" id="referrals">

        """
        if referrals.isEmpty {
            html += "  <p class=\"empty\">No referrals yet. Find a service in the community directory and refer the patient; each referral is followed until the service starts and the loop is closed.</p>\n"
        }
        for referral in referrals { html += self.referral(referral) }
        html += "</section>\n"
        return html
    }

    private func referral(_ referral: Referral) -> HTML {
        var html: HTML = """
          <article class="referral" id="referral-\(referral.id)">
            <h2>\(referral.target) <span class="status status-\(referral.state)">\(referral.stateTitle)</span></h2>
            \(if: !referral.need.isEmpty, { "<p class=\"meta\">Need: \(referral.need)</p>" })
            \(referral.overdue, { "<p class=\"flag flag-overdue\">\($0)</p>" })
            <ol class="timeline">\(each: referral.steps, { "<li>\($0)</li>" })</ol>

        """
        if canWrite, !referral.next.isEmpty {
            html += """
                <form method="post" action="\(referral.action)" class="inline" novalidate>
                  \(csrf: shell.csrfToken)
                  <label for="step-\(referral.id)">What happened</label><select id="step-\(referral.id)" name="action">\(each: referral.next, { "<option value=\"\($0.value)\">\($0.label)</option>" })</select>
                  <label for="note-\(referral.id)">Note, reason or outcome</label><input id="note-\(referral.id)" name="note">
                  <button type="submit" class="secondary">Record</button>
                </form>

            """
        }
        html += "  </article>\n"
        return html
    }
}
