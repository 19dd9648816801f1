import Foundation

/// What the case manager typed in the Deadlines card's "Record" form (Notice of Admission, face-to-face encounter,
/// transfer or discharge summary), and what was wrong with it.
struct DocumentFormState: Encodable, Sendable {
    var kind = FormField()
    var date = FormField()
    var note = FormField()

    init() {}

    init(_ form: DeadlineController.DocumentForm) {
        kind = FormField(form.kind)
        date = FormField(form.date)
        note = FormField(form.note)
    }
}

/// What was typed in one OASIS assessment's transmission form, and what was wrong; `assessment` names the assessment
/// whose deadline the form was under, so the chart opens that one with the typing kept.
struct SubmissionFormState: Encodable, Sendable {
    var assessment = ""
    /// The assessment itself was refused (not a signed OASIS of this episode): shown above the form's fields.
    var error: String?
    var status = FormField()
    var date = FormField()
    var reason = FormField()

    init() {}

    init(_ form: DeadlineController.SubmissionForm) {
        assessment = form.assessment ?? ""
        status = FormField(form.status)
        date = FormField(form.date)
        reason = FormField(form.reason)
    }

    mutating func set(_ field: String, _ message: String) {
        switch field {
        case "reason": reason.error = message
        default: date.error = message
        }
    }
}

/// What a supervisor typed waiving one deadline, and why it was refused; `key` names the deadline.
struct WaiverFormState: Encodable, Sendable {
    var key = ""
    var reason = FormField()

    init() {}

    init(_ form: DeadlineController.WaiverForm, error: String) {
        key = form.key ?? ""
        reason = FormField(form.reason, error: error)
    }
}
