struct AuditPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var sequence: String
        var occurredAt: String
        var actor: String
        var action: String
        var outcome: String
        var patientID: String?
        var resource: String?
        var sourceIP: String?
        var detail: String?
    }

    var shell: PageShell
    var actor: String
    var action: String
    var outcome: String
    var patientID: String
    var outcomes: [String]
    var rows: [Row]
    var previousHref: String?
    var nextHref: String?
    var filterError: String?
}
