extension ResourcesPage: HTMLPage {
    var body: HTML {
        let forPatient = !patientID.isEmpty
        var html: HTML = """
        \(patientHref, { "<p><a href=\"\($0)\" id=\"back-to-chart\">← Back to \(patientName)</a></p>" })
        <h1>Community resources\(patientName, { " for \($0)" })</h1>
        <form method="get" action="\(SiteURL.resources)" class="card" id="resource-search">
          \(if: forPatient, { "<input type=\"hidden\" name=\"patient\" value=\"\(patientID)\">" })
          <div class="grid">
            <div class="field"><label for="r-need">Need</label><select id="r-need" name="need"><option value="">Any</option>\(each: needs, { "<option value=\"\($0.value)\"\(if: $0.selected, " selected")>\($0.label)</option>" })</select></div>
            <div class="field"><label for="r-zip">ZIP</label><input id="r-zip" name="zip" value="\(zip)"></div>
            <div class="field"><label for="r-language">Language</label><input id="r-language" name="language" value="\(language)"></div>
            <div class="field"><label for="r-eligibility">Eligibility words</label><input id="r-eligibility" name="eligibility" value="\(eligibility)"><p class="hint">e.g. veteran, Medicaid, 60</p></div>
            \(if: forPatient, { "<div class=\"field\"><label for=\"r-miles\">Within miles of home</label><input id=\"r-miles\" name=\"miles\" type=\"number\" min=\"1\" max=\"500\" value=\"\(miles)\"></div>" })
          </div>
          \(age, { "<p class=\"hint\" id=\"age-filter\">\($0)</p>" })
          <button type="submit" id="search-resources">Search</button>
        </form>
        <section class="card" id="resource-results">

        """
        if empty {
            html += "  <p class=\"empty\">The directory is empty. An administrator imports it with <code>hearth directory import FOLDER</code> (Open Referral HSDS).</p>\n"
        } else if results.isEmpty {
            html += "  <p class=\"empty\">No active service matches. Widen the search: any need, or no ZIP.</p>\n"
        } else {
            html += "  <ul class=\"records\">"
            for result in results { html += self.result(result) }
            html += "</ul>\n"
        }
        html += "</section>\n"
        return html
    }

    private func result(_ r: Result) -> HTML {
        """
        <li class="resource" id="service-\(r.id)"><strong>\(r.name)</strong> — \(r.organization)\(if: !r.miles.isEmpty, { " <small>\(r.miles) away</small>" })<br>
            <small>\(r.description)</small><br>
            \(if: !r.eligibility.isEmpty, { "<small>Eligibility: \(r.eligibility)</small><br>" })
            \(if: !r.fees.isEmpty, { "<small>Fees: \(r.fees)</small><br>" })
            <small>\(r.phone)\(if: !r.languages.isEmpty, { " · \(r.languages)" })\(if: !r.address.isEmpty, { " · \(r.address)" })</small>
            \(referAction, { "<form method=\"post\" action=\"\($0)\" class=\"inline\">\(csrf: shell.csrfToken)<input type=\"hidden\" name=\"serviceID\" value=\"\(r.id)\"><input type=\"hidden\" name=\"need\" value=\"\(need)\"><button type=\"submit\" class=\"secondary refer\">Refer \(patientName)</button></form>" })
          </li>
        """
    }
}
