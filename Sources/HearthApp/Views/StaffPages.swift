/// The staff list: credentials expiring or expired first, then everyone with their discipline.
struct StaffListPage: Encodable, Sendable {
    struct Alert: Encodable, Sendable {
        var href: String
        var name: String
        var credential: String
        var status: String
        var flag: String
    }

    struct Member: Encodable, Sendable {
        var href: String
        var name: String
        var role: String
        var discipline: String
        var credentials: Int
        var attention: String?
        var flag: String
    }

    var shell: PageShell
    var alerts: [Alert]
    var staff: [Member]
}

/// One staff member: discipline, home base and hours, and the credentials on file with their expiry state.
struct StaffPage: Encodable, Sendable {
    struct Credential: Encodable, Sendable {
        var name: String
        var number: String
        var issued: String
        var expires: String
        var status: String
        var flag: String
    }

    var shell: PageShell
    var name: String
    var role: String
    /// An aide's yearly on-site observation: "Due 2027-11-13 [42 CFR 484.80(h)(1)(iii)]".
    var observation: String?
    /// An aide's in-service hours [42 CFR 484.80(d)]; nil for anyone else.
    var inService: InService?
    var hours: String
    var canWrite: Bool
    var credentials: [Credential]
    var profile: PageForm
    var credentialForm: PageForm
}

extension StaffPage {
    /// An aide's in-service training: the current and previous 12-month periods, the sessions, the form (supervisors).
    struct InService: Encodable, Sendable {
        struct Period: Encodable, Sendable {
            var title: String
            var status: String
            var state: String
            var explanation: String
        }

        struct Session: Encodable, Sendable {
            var date: String
            var hours: String
            var topic: String
        }

        var citation: String
        var periods: [Period]
        var noVisitYet: String?
        var sessions: [Session]
        var form: PageForm?
    }
}
