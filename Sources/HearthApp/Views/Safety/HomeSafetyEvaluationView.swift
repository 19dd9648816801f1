extension HomeSafetyEvaluationPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <p><a href="\(backHref)">← Back to home safety</a></p>
        <h1>\(name): home safety walk-through</h1>
        <p class="hint">Answer every question room by room. “Hazard” needs a note saying where and what you saw. Checklist \(version), after the idea of the CDC STEADI home fall-prevention checklist, in Hearth's own words.</p>
        <form method="post" action="\(action)" novalidate id="evaluation-form">
          \(csrf: shell.csrfToken)
          \(error, { "<p class=\"form-error\" role=\"alert\" id=\"evaluation-error\">\($0)</p>" })
          <div class="field\(if: dayError != nil, " invalid")"><label for="evaluatedOn">Day of the walk-through</label><input id="evaluatedOn" name="evaluatedOn" type="date" value="\(day)">\(dayError, { "<p class=\"field-error\">\($0)</p>" })</div>

        """
        for area in areas {
            html += "  <fieldset class=\"card area\" id=\"area-\(area.id)\">\n    <legend>\(area.title)</legend>\n"
            for item in area.items { html += Self.question(item) }
            html += """
                <div class="field wide\(if: area.noteError != nil, " invalid")"><label for="room-\(area.id)">Note on this area (optional)</label><input id="room-\(area.id)" name="room.\(area.id)" value="\(area.note)">\(area.noteError, { "<p class=\"field-error\">\($0)</p>" })</div>
              </fieldset>

            """
        }
        html += "  <button type=\"submit\" id=\"save-evaluation\">Save the walk-through</button>\n</form>\n"
        return html
    }

    private static func question(_ item: Item) -> HTML {
        """
            <div class="question\(if: item.error != nil, " invalid")" id="q-\(item.id)">
              <p>\(item.question) <small>(\(item.severity) if not)</small></p>
              <label class="choice"><input type="radio" name="answer.\(item.id)" value="safe" id="\(item.id)-safe"\(if: item.answer == "safe", " checked")> Safe</label>
              <label class="choice"><input type="radio" name="answer.\(item.id)" value="hazard" id="\(item.id)-hazard"\(if: item.answer == "hazard", " checked")> Hazard</label>
              <label class="choice"><input type="radio" name="answer.\(item.id)" value="not_applicable" id="\(item.id)-na"\(if: item.answer == "not_applicable", " checked")> Not applicable</label>
              <input name="note.\(item.id)" id="\(item.id)-note" value="\(item.note)" placeholder="Where and what you saw" aria-label="Note: \(item.hazard)">
              \(item.error, { "<p class=\"field-error\">\($0)</p>" })
            </div>

        """
    }
}
