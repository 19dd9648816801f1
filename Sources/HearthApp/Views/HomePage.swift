import Foundation
import HearthCore

/// The first page after log-in: what this role's day holds.
struct HomePage: Encodable, Sendable {
    struct Panel: Encodable, Sendable {
        var heading: String
        /// What will appear here, said to the user while it is empty.
        var emptyState: String
        var rows: [PatientRow]
        var moreHref: String?
    }

    var shell: PageShell
    var heading: String
    var intro: String
    var panels: [Panel]
    var counts: [CaseloadCount]
}

struct CaseloadCount: Encodable, Sendable {
    var caseManager: String
    var patients: Int
}

struct PatientRow: Encodable, Sendable {
    var href: String
    var name: String
    var mrn: String
    var birthDate: String
    var age: Int?
    var caseManager: String?
}
