/// An audit record's action in a person's words, for the patient's access report [45 CFR 164.528(b)(2): "a brief
/// description of the protected health information disclosed"]: "patient.read" is "Opened the chart".
public enum AuditActionWords {
    /// Actions whose words are not the sum of their parts.
    static let phrases: [String: String] = [
        "patient.read": "Opened the chart",
        "patient.create": "Registered the patient",
        "patient.update": "Changed the patient's details",
        "patient.reassign": "Changed the case manager",
        "patient.physician": "Changed the attending physician",
        "patient.search": "Found the patient in a search",
        "patient.profile.read": "Viewed the profile",
        "discharge_plan.referral_withdraw_deliver": "Told the home health agency the referral was withdrawn",
        "referral.inbound.withdraw": "The hospital withdrew its referral",
        "patient.record.not-found": "Asked for a record not on this chart",
        "patient.emergency_access": "Opened the chart in an emergency (break the glass)",
        "patient.emergency_access.end": "Ended emergency access",
        "patient.disclosures.read": "Viewed this access report",
        "patient.disclosures.print": "Printed this access report",
        "patient.everything": "Read the whole record over FHIR ($everything)",
        "patient.export": "Exported the record in a FHIR bulk export",
        "emergency_access.review": "Reviewed an emergency access",
        "careplan.print": "Printed the plan of care",
        "visit.note": "Saved a visit note",
        "visit.missed": "Recorded a missed visit",
        "visit.generate": "Scheduled visits from the care plan",
        "order.send": "Sent an order to the physician",
        "order.verbal": "Recorded a verbal order",
        "medication.side_effect": "Recorded a side effect",
        "medication.adherence": "Recorded medication adherence",
        "medication.teaching": "Recorded medication teaching",
        "medication.mar.record": "Recorded a dose on the MAR",
        "home_safety.evaluate": "Recorded a home safety evaluation",
        "home_safety.findings": "Recorded home safety findings",
        "task.complete": "Completed a task",
        "obligation.waive": "Waived a deadline",
    ]

    /// What each record is, by the action's first part (and first two, where that is more exact).
    static let records: [String: String] = [
        "patient": "patient record", "allergy": "allergies", "diagnosis": "diagnoses", "coverage": "coverage",
        "authorization": "authorizations", "medication": "medications", "medication.mar": "medication administration record",
        "medication.reconciliation": "medication reconciliation", "careplan": "care plan", "careplan.goal": "care plan goals",
        "careplan.version": "an earlier care plan version", "careplan.problem": "care plan problems",
        "careplan.intervention": "care plan interventions", "careplan.frequency": "visit frequency", "careplan.details": "plan of care details",
        "careplan.input": "care plan", "visit": "a visit", "visit.vitals": "vital signs", "order": "a physician order",
        "assessment": "an assessment", "episode": "the episode", "communication": "the communication log",
        "referral": "community referrals", "home_safety": "the home safety evaluation", "teaching": "teaching",
        "task": "a task", "careteam": "the care team", "careteam.external": "outside contacts on the care team",
        "obligation": "deadlines", "compliance.document": "a compliance document", "patient.contact": "contacts",
        "patient.directive": "advance directives", "safety_alert": "a safety alert",
    ]

    static let verbs: [String: String] = [
        "read": "Viewed", "list": "Listed", "create": "Added", "add": "Added", "update": "Changed", "change": "Changed",
        "save": "Saved", "sign": "Signed", "amend": "Amended", "remove": "Removed", "delete": "Removed", "discontinue": "Discontinued",
        "reject": "Rejected", "resend": "Resent", "withdraw": "Withdrew", "cancel": "Cancelled", "start": "Started", "finish": "Finished",
        "decide": "Decided", "record": "Recorded", "print": "Printed", "snooze": "Snoozed", "evaluate": "Evaluated", "board": "Viewed",
    ]

    /// "Opened the chart", "Changed medications", "Refused: Viewed an assessment".
    public static func describe(_ action: String, outcome: String = "success") -> String {
        let words = phrase(action)
        switch outcome {
        case "denied": return "Refused: \(words)"
        case "failure": return "Failed: \(words)"
        default: return words
        }
    }

    static func phrase(_ action: String) -> String {
        if let known = phrases[action] { return known }
        var parts = action.split(separator: ".").map(String.init)
        guard parts.count >= 2, let verb = verbs[parts.removeLast()] else { return action }
        let record = records[parts.joined(separator: ".")] ?? records[parts.prefix(2).joined(separator: ".")] ?? records[parts[0]]
            ?? parts.joined(separator: " ").replacingOccurrences(of: "_", with: " ")
        return "\(verb) \(record)"
    }
}
