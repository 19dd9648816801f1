import HearthCore

extension ChartPage {
    var episodeSection: HTML {
        var html: HTML = """
        <section class="card" id="episode">
          <h2>Episode of care</h2>
          \(episodeForm.error, { "<p class=\"form-error\" role=\"alert\">\($0)</p>" })

        """
        if let episode {
            html += """
                <ol class="timeline">
                  \(each: episode.events, { e in "<li><strong>\(e.title)</strong> \(e.date)\(e.reason, { " — \($0)" })</li>" })
                </ol>
                \(episode.referral, { "<p class=\"meta\" id=\"referral-details\">Referral \($0)</p>" })

            """
            if canMoveEpisode {
                html += """
                    <form method="post" action="\(episode.actionHref)" class="episode-move" novalidate>
                      \(csrf: shell.csrfToken)
                      <div class="grid">
                        <div class="field">
                          <label for="episode-kind">What happened</label>
                          <select id="episode-kind" name="kind">
                            \(each: episode.moves, { m in "<option value=\"\(m.kind)\"\(if: m.kind == episodeForm.kind, " selected")>\(m.title)</option>" })
                          </select>
                        </div>
                  \(HTML.chartInput(id: "episode-date", name: "date", label: "Date", episodeForm.date, type: "date"))\
                  \(HTML.chartInput(id: "episode-time", name: "time", label: "Time (optional; the 48-hour rules count from it)", episodeForm.time, type: "time"))\
                  \(HTML.chartInput(id: "episode-ordered-resumption", name: "orderedResumption", label: "Physician-ordered resumption date (return home, optional)", episodeForm.orderedResumption, type: "date"))\
                  \(HTML.chartInput(id: "episode-reason", name: "reason", label: "Reason (for not admitted or discharge)", episodeForm.reason, wide: true))\
                        <div class="field wide">
                          <label for="episode-circumstance">Circumstance (optional; changes which OASIS is owed)</label>
                          <select id="episode-circumstance" name="circumstance"\(if: episodeForm.circumstance.error != nil, " aria-invalid=\"true\" aria-describedby=\"episode-circumstance-error\"")>
                            <option value="">None</option>
                            \(each: EpisodeEventCircumstance.allCases, { c in "<option value=\"\(c.rawValue)\"\(if: c.rawValue == episodeForm.circumstance.value, " selected")>\(c.title)</option>" })
                          </select>
                          \(episodeForm.circumstance.error, { "<p class=\"field-error\" id=\"episode-circumstance-error\">\($0)</p>" })
                        </div>
                      </div>
                      <button type="submit" id="episode-submit">Record</button>
                    </form>

                """
            }
        } else {
            html += "    <p class=\"empty\">No episode yet. Record the referral to start one.</p>\n"
        }
        if canOpenEpisode {
            html += """
                <form method="post" action="\(openEpisodeHref)" class="episode-open" novalidate>
                  \(csrf: shell.csrfToken)
              \(HTML.chartInput(id: "referral-date", name: "date", label: "Referral received on", episodeForm.date, type: "date"))\
              \(HTML.chartInput(id: "referral-time", name: "time", label: "Time received (optional)", episodeForm.time, type: "time"))\
              \(HTML.chartInput(id: "referral-source", name: "source", label: "Referred by (hospital, practice, facility)", episodeForm.source, wide: true))\
              \(HTML.chartInput(id: "referral-ordered-soc", name: "orderedStartOfCare", label: "Physician-ordered start of care (optional)", episodeForm.orderedStartOfCare, type: "date"))\
                  <button type="submit" id="episode-open">Open a new episode</button>
                </form>

            """
        }
        html += "</section>\n"
        return html
    }

    var deadlineSection: HTML {
        var html: HTML = """
        <section class="card" id="deadlines">
          <h2>Deadlines</h2>

        """
        if deadlines.isEmpty {
            html += "  <p class=\"empty\">No deadlines yet. Open an episode with its referral: the assessments, notices and recertifications it owes will be computed and listed here.</p>\n"
        } else {
            html += "  <ul class=\"deadlines\">\n"
            for d in deadlines {
                // A refused transmission or waiver re-opens its deadline's details, the typing and the error inside.
                let refused = (d.oasisAssessment != nil && d.oasisAssessment == deadlineActions.submissionForm.assessment)
                    || d.key == deadlineActions.waiverForm.key
                html += """
                    <li class="deadline deadline-\(d.state)" data-key="\(d.key)" data-due="\(d.due)" data-outstanding="\(d.outstanding ? "true" : "false")"><span class="flag flag-\(d.state)">\(d.status)</span> <strong>\(d.title)</strong> <small>\(d.citation)</small>
                      <details\(if: refused, " open")><summary>Why?</summary><p>\(d.explanation)</p>

                """
                if deadlineActions.canRecord, let assessment = d.oasisAssessment, let action = deadlineActions.submissionAction {
                    html += submissionForm(assessment: assessment, key: d.key, action: action)
                }
                if deadlineActions.canWaive && d.outstanding {
                    html += waiverForm(key: d.key)
                }
                html += "\n      </details></li>\n"
            }
            html += "  </ul>\n"
        }
        if deadlineActions.canRecord {
            html += documentForm
            html += noticeForms
        }
        html += "</section>\n"
        return html
    }
}
