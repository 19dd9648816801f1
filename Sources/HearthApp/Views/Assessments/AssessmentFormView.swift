extension AssessmentFormPage: HTMLPage {
    var body: HTML {
        var html: HTML = """
        <p><a href="\(chartHref)">← \(patientName)</a></p>
        <h1>\(title) <small>\(kind)\(if: version > 1, { " · amendment (version \(version))" })</small></h1>
        \(HTML.instrumentVersion(instrumentVersion, csrf: shell.csrfToken))
        \(amendmentReason, { "<p class=\"notice\">Amending because: \($0)</p>" })
        <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="\(percentDone)" aria-label="Required questions answered">
          <span style="width: \(percentDone)%"></span></div>
        <p class="hint">\(percentDone)% of required questions answered. Answers are saved as you type.</p>
        <nav class="tabs sections" aria-label="Sections"><ul>
          \(each: sections, { s in "<li><a href=\"\(s.href)\"\(if: s.current, " aria-current=\"step\" class=\"current\"")>\(if: s.complete, "✓ ")\(s.title)</a> <small>\(s.counts)</small></li>" })
          <li><a href="\(reviewHref)" id="review-link">Review and sign</a></li>
        </ul></nav>
        \(if: hasErrors, "<p class=\"form-error\" role=\"alert\">Some answers need attention. Each is marked below; the others were saved.</p>")
        <form method="post" action="\(action)" class="card assessment" id="assessment-form" novalidate data-autosave="\(autosaveHref)" data-draft-key="\(draftKey)" data-section="\(sectionID)">
          \(csrf: shell.csrfToken)
          <h2>\(sectionTitle)</h2>
          <p class="hint" id="autosave-status" aria-live="polite"></p>
          \(each: items, Self.item)
          <div class="actions">
            \(if: hasPrevious, "<button type=\"submit\" name=\"go\" value=\"previous\" class=\"secondary\">Previous section</button>")
            \(if: hasNext, "<button type=\"submit\" name=\"go\" value=\"next\" id=\"next-section\">Save and continue</button>")
            <button type="submit" name="go" value="review" id="save-review"\(if: hasNext, " class=\"secondary\"")>Save and review</button>
          </div>
        </form>
        <script src="/js/assessment.js" defer></script>
        """
        return html
    }

    /// One question, drawn by its answer type, with the message beside it when the answer is wrong.
    static func item(_ item: ItemField) -> HTML {
        var html: HTML = """
        <fieldset class="item\(if: item.error != nil, " invalid")" id="item-\(item.id)"\(if: item.hidden, " hidden")\
        \(item.conditionItem, { " data-when-item=\"\($0)\" data-when-values=\"\(item.conditionValues)\" data-when-at-least=\"\(item.conditionAtLeast)\"" })>
            <legend>\(item.text)\(if: item.required, " <span class=\"required\" aria-label=\"required\">*</span>")</legend>
            \(item.hint, { "<p class=\"hint\">\($0)</p>" })

        """
        func choices(_ type: StaticString) -> HTML {
            var html = HTML()
            for c in item.choices {
                html += "<label class=\"choice\"><input type=\"\(HTML(stringLiteral: type))\" name=\"\(item.id)\" value=\"\(c.value)\"\(if: c.checked, " checked")> \(c.label)</label>"
            }
            return html
        }
        switch item.type {
        case "singleChoice", "yesNo": html += "      \(choices("radio"))\n"
        case "multiChoice": html += "      \(choices("checkbox"))\n"
        case "bodyArea": html += "      <div class=\"body-areas\">\(choices("checkbox"))</div>\n"
        case "number":
            html += """
                  <label class="number"><input type="number" name="\(item.id)" id="input-\(item.id)" value="\(item.value)" step="\(item.step)"\(attribute: "min", item.min)\(attribute: "max", item.max) inputmode="decimal"> \(item.unit)</label>

            """
        case "date": html += "      <input type=\"date\" name=\"\(item.id)\" id=\"input-\(item.id)\" value=\"\(item.value)\">\n"
        default: html += "      <textarea name=\"\(item.id)\" id=\"input-\(item.id)\" rows=\"3\">\(item.value)</textarea>\n"
        }
        html += """
            \(item.error, { "<p class=\"field-error\" id=\"\(item.id)-error\">\($0)</p>" })
          </fieldset>

        """
        return html
    }
}

extension HTML {
    /// Which version of the instrument this is and, when a newer one is in use, the way to move a draft to it.
    static func instrumentVersion(_ note: InstrumentVersionNote, csrf token: String) -> HTML {
        """
        <p class="hint" id="instrument-version">\(note.label)</p>
        \(note.newer, { newer in """
        <div class="notice" id="newer-version"><p>\(newer)</p>
        \(note.upgradeAction, { "<form method=\"post\" action=\"\($0)\">\(csrf: token)<button type=\"submit\" id=\"upgrade-draft\">\(note.upgradeLabel)</button></form>" })</div>
        """ })
        """
    }
}
