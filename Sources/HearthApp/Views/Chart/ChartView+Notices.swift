import HearthCore

extension ChartPage {
    /// The Deadlines card's forms for what starts a notice or assessment deadline (a planned discharge, a reduction of care,
    /// a significant change) and for the notice delivered before a planned change; errors by the field, typing kept.
    var noticeForms: HTML {
        guard let careAction = deadlineActions.careEventAction, let noticeAction = deadlineActions.noticeAction else { return "" }
        let change = deadlineActions.careEventForm
        let notice = deadlineActions.noticeForm
        var html: HTML = """
              <form method="post" action="\(careAction)" class="care-event" id="care-event-form" novalidate>
                \(csrf: shell.csrfToken)
                <h3>Plan a discharge, a reduction of care, or record a significant change</h3>
                <div class="grid">
            \(HTML.chartSelect(id: "care-event-kind", name: "kind", label: "What", CareEvent.Kind.allCases.map { ($0.rawValue, $0.title) },
                               selected: change.kind.value, error: change.kind.error, choose: true))\
            \(HTML.chartInput(id: "care-event-date", name: "date", label: "On (planned day, or the day the change was seen)", change.date, type: "date"))\
            \(HTML.chartInput(id: "care-event-detail", name: "detail", label: "What is planned or what changed", change.detail, wide: true,
                              placeholder: "e.g. goals met; aide visits end; new fall with hip pain"))\
            \(HTML.chartSelect(id: "care-event-exception", name: "exception", label: "Notice exception (optional)",
                               [("", "None: notices are owed")] + CareEvent.Exception.allCases.map { ($0.rawValue, $0.title) },
                               selected: change.exception.value, error: change.exception.error))\
                </div>
                <button type="submit" id="care-event-submit" class="secondary">Record</button>
              </form>

        """
        guard !deadlineActions.noticeChoices.isEmpty || notice.change.error != nil else { return html }
        html += """
              <form method="post" action="\(noticeAction)" class="patient-notice" id="notice-form" novalidate>
                \(csrf: shell.csrfToken)
                <h3>Record a notice delivered</h3>
                <div class="grid">
            \(HTML.chartSelect(id: "notice-change", name: "change", label: "Given before", deadlineActions.noticeChoices.map { ($0.value, $0.label) },
                               selected: notice.change.value, error: notice.change.error))\
            \(HTML.chartSelect(id: "notice-kind", name: "kind", label: "Notice", PatientNotice.Kind.allCases.map { ($0.rawValue, $0.title) },
                               selected: notice.kind.value, error: notice.kind.error, choose: true))\
            \(HTML.chartInput(id: "notice-date", name: "date", label: "Delivered on", notice.date, type: "date"))\
            \(HTML.chartInput(id: "notice-by", name: "by", label: "Delivered by", notice.by, placeholder: "e.g. Ana Ruiz, RN"))\
            \(HTML.chartSelect(id: "notice-response", name: "response", label: "Patient or representative",
                               PatientNotice.Response.allCases.map { ($0.rawValue, $0.title) }, selected: notice.response.value,
                               error: notice.response.error, choose: true))\
                </div>
                <button type="submit" id="notice-submit" class="secondary">Record the notice</button>
              </form>

        """
        return html
    }
}
