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
                html += """
                    <li class="deadline deadline-\(d.state)" data-key="\(d.key)" data-due="\(d.due)" data-outstanding="\(d.outstanding ? "true" : "false")"><span class="flag flag-\(d.state)">\(d.status)</span> <strong>\(d.title)</strong> <small>\(d.citation)</small>
                      <details><summary>Why?</summary><p>\(d.explanation)</p>

                """
                if deadlineActions.canRecord, let assessment = d.oasisAssessment, let action = deadlineActions.submissionAction {
                    html += submissionForm(assessment: assessment, key: d.key, action: action)
                }
                if deadlineActions.canWaive && d.outstanding {
                    html += """
                            <form method="post" action="\(deadlineActions.waiveAction)" class="inline-form">
                              \(csrf: shell.csrfToken)<input type="hidden" name="key" value="\(d.key)">
                              <label>Waive, because <input name="reason" required></label> <button type="submit" class="secondary">Waive</button>
                            </form>
                    """
                }
                html += "\n      </details></li>\n"
            }
            html += "  </ul>\n"
        }
        html += "  \(deadlineActions.error, { "<p class=\"form-error\" role=\"alert\" id=\"deadline-error\">\($0)</p>" })\n"
        if deadlineActions.canRecord {
            html += """
              <form method="post" action="\(deadlineActions.documentAction)" class="record-document" novalidate>
                \(csrf: shell.csrfToken)
                <div class="grid">
                  <div class="field"><label for="document-kind">Record</label><select id="document-kind" name="kind">
                    <option value="notice_of_admission">Notice of Admission submitted</option><option value="face_to_face_encounter">Face-to-face encounter documented</option><option value="transfer_summary">Transfer summary sent to the receiving facility</option><option value="discharge_summary">Discharge summary sent to the physician</option></select></div>
                  <div class="field"><label for="document-date">On</label><input id="document-date" name="date" type="date"></div>
                  <div class="field wide"><label for="document-note">Note (optional)</label><input id="document-note" name="note" placeholder="e.g. encounter with Dr. Patel, hospitalist"></div>
                </div>
                <button type="submit" id="record-document" class="secondary">Record</button>
              </form>

            """
            html += noticeForms
        }
        html += "</section>\n"
        return html
    }

    /// Record a transmission of one OASIS assessment to CMS: submitted, accepted, or rejected with the reason [42 CFR 484.45(a)].
    func submissionForm(assessment: String, key: String, action: String) -> HTML {
        let id = key.replacingOccurrences(of: "#", with: "-")
        return """
                <form method="post" action="\(action)" class="oasis-submission" id="\(id)-form" novalidate>
                  \(csrf: shell.csrfToken)<input type="hidden" name="assessment" value="\(assessment)">
                  <div class="grid">
                    <div class="field"><label for="\(id)-status">Transmission</label><select id="\(id)-status" name="status">
                      \(each: OASISSubmission.Status.allCases, { s in "<option value=\"\(s.rawValue)\">\(s.title)</option>" })</select></div>
                    <div class="field"><label for="\(id)-date">On</label><input id="\(id)-date" name="date" type="date"></div>
                    <div class="field wide"><label for="\(id)-reason">Rejection reason (the fatal edit CMS gave)</label><input id="\(id)-reason" name="reason"></div>
                  </div>
                  <button type="submit" class="secondary" id="\(id)-submit">Record the transmission</button>
                </form>

        """
    }
}
