import HearthCore

extension ChartPage {
    static let documentKinds: [(value: String, label: String)] = [
        ("notice_of_admission", "Notice of Admission submitted"), ("face_to_face_encounter", "Face-to-face encounter documented"),
        ("transfer_summary", "Transfer summary sent to the receiving facility"),
        ("discharge_summary", "Discharge summary sent to the primary care practitioner"),
    ]

    /// Record what meets a deadline (Notice of Admission, face-to-face, transfer or discharge summary); after a refusal
    /// the typing is kept and the message sits by its field.
    var documentForm: HTML {
        let form = deadlineActions.documentForm
        return """
              <form method="post" action="\(deadlineActions.documentAction)" class="record-document" id="document-form" novalidate>
                \(csrf: shell.csrfToken)
                <div class="grid">
            \(HTML.chartSelect(id: "document-kind", name: "kind", label: "Record", Self.documentKinds, selected: form.kind.value, error: form.kind.error))\
            \(HTML.chartInput(id: "document-date", name: "date", label: "On", form.date, type: "date"))\
            \(HTML.chartInput(id: "document-note", name: "note", label: "Note (optional)", form.note, wide: true,
                              placeholder: "e.g. encounter with Dr. Patel, hospitalist"))\
                </div>
                <button type="submit" id="record-document" class="secondary">Record</button>
              </form>

        """
    }

    /// Record a transmission of one OASIS assessment to CMS: submitted, accepted, or rejected with the reason [42 CFR 484.45(a)].
    func submissionForm(assessment: String, key: String, action: String) -> HTML {
        let id = String(key.map { $0 == "#" ? "-" : $0 })
        let form = deadlineActions.submissionForm.assessment == assessment ? deadlineActions.submissionForm : SubmissionFormState()
        return """
                <form method="post" action="\(action)" class="oasis-submission" id="\(id)-form" novalidate>
                  \(csrf: shell.csrfToken)<input type="hidden" name="assessment" value="\(assessment)">
                  \(form.error, { "<p class=\"field-error\" role=\"alert\" id=\"\(id)-error\">\($0)</p>" })
                  <div class="grid">
            \(HTML.chartSelect(id: "\(id)-status", name: "status", label: "Transmission", OASISSubmission.Status.allCases.map { ($0.rawValue, $0.title) },
                               selected: form.status.value, error: form.status.error))\
            \(HTML.chartInput(id: "\(id)-date", name: "date", label: "On", form.date, type: "date"))\
            \(HTML.chartInput(id: "\(id)-reason", name: "reason", label: "Rejection reason (the fatal edit CMS gave)", form.reason, wide: true))\
                  </div>
                  <button type="submit" class="secondary" id="\(id)-submit">Record the transmission</button>
                </form>

        """
    }

    /// Waive one deadline with the reason (supervisors); a refusal keeps the typing and shows why by the reason.
    func waiverForm(key: String) -> HTML {
        let id = String(key.map { $0 == "#" ? "-" : $0 })
        let form = deadlineActions.waiverForm.key == key ? deadlineActions.waiverForm : WaiverFormState()
        return """
                <form method="post" action="\(deadlineActions.waiveAction)" class="inline-form waiver" id="\(id)-waive-form" novalidate>
                  \(csrf: shell.csrfToken)<input type="hidden" name="key" value="\(key)">
            \(HTML.chartInput(id: "\(id)-waive-reason", name: "reason", label: "Waive, because", form.reason, wide: true))\
                  <button type="submit" class="secondary" id="\(id)-waive">Waive</button>
                </form>
        """
    }
}
