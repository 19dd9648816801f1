import HearthCore
import Vapor

/// What every page's layout needs: title, who is signed in, the navigation for their role, the form token.
struct PageShell: Encodable, Sendable {
    struct NavItem: Encodable, Sendable {
        var label: String
        var href: String
        var current: Bool
    }

    struct SignedIn: Encodable, Sendable {
        var username: String
        var displayName: String
        var roleTitle: String
    }

    var title: String
    var user: SignedIn?
    var nav: [NavItem]
    var csrfToken: String
    var logoutPath = SiteURL.logout.path
    var stylesheet = SiteURL.stylesheet.path
    /// Set while this page shows a chart opened by break-the-glass: the banner every such page carries.
    var emergency: EmergencyBanner?

    struct EmergencyBanner: Encodable, Sendable {
        /// "14:32", the agency's clock.
        var until: String
        var endAction: String
    }

    init(request: Request, title: String) {
        self.title = title
        self.csrfToken = CSRFMiddleware.token(for: request)
        guard let user = request.auth.get(CurrentUser.self) else {
            self.user = nil
            self.nav = []
            return
        }
        self.user = SignedIn(username: user.username, displayName: user.displayName, roleTitle: user.role.title)
        if let use = request.storage[EmergencyUseKey.self], let patientID = use.patientID {
            emergency = EmergencyBanner(until: request.agencyClock(use.endsAt), endAction: SiteURL.patient(patientID, .endEmergencyAccess).path)
        }
        let path = request.url.path, home = SiteURL.home.path // `url.path` parses the URL again on every call
        self.nav = Self.navigation(for: user.role).map { label, href in
            NavItem(label: label, href: href, current: href == path || (href != home && path.hasPrefix(href)))
        }
    }

    /// Each role sees the places its work happens.
    static func navigation(for role: Role) -> [(String, String)] {
        var items = [("Home", SiteURL.home.path)]
        switch role {
        case .caseManager:
            items += [("Worklist", SiteURL.worklist.path), ("Patients", SiteURL.patients.path), ("Deadlines", SiteURL.compliance.path), ("Orders", SiteURL.orders.path),
                      ("Schedule", SiteURL.schedule.path), ("Resources", SiteURL.resources.path), ("Referral inbox", SiteURL.referralInbox.path)]
        case .physician:
            items += [("Patients", SiteURL.patients.path), ("Orders to sign", SiteURL.orders.path)]
        case .clinician, .aide:
            items += [("My visits", SiteURL.visits.path), ("Worklist", SiteURL.worklist.path), ("Patients", SiteURL.patients.path)]
        case .intake:
            items += [("Referral inbox", SiteURL.referralInbox.path), ("Patients", SiteURL.patients.path), ("Worklist", SiteURL.worklist.path)]
        case .payer:
            items.append(("Patients", SiteURL.patients.path))
        case .hospitalCaseManager:
            // Her units' stays are her home page; the agency's patient list is not hers.
            break
        case .utilizationReviewNurse:
            // Her hospital's stays, ranked; the agency's patients are not hers.
            items += [("Avoidable days", SiteURL.utilization(.avoidableDays).path), ("Denials", SiteURL.utilization(.denials).path)]
        case .physicianAdvisor:
            // The stays referred to them are their home page; nothing of the agency's.
            break
        case .supervisor:
            items += [("Team worklist", SiteURL.worklist.path + "?view=team"), ("All patients", SiteURL.patients.path), ("Compliance", SiteURL.compliance.path), ("Unsigned orders", SiteURL.orders.path), ("Late notes", SiteURL.visits.path), ("Schedule", SiteURL.schedule.path), ("Staff", SiteURL.staff.path)]
        case .admin:
            // No "Patients": the administrator opens no chart (minimum necessary, 45 CFR 164.502(b)).
            items += [("Users", SiteURL.admin(.users).path), ("Staff", SiteURL.staff.path), ("UR committee", SiteURL.admin(.urCommittee).path),
                      ("Referral partners", SiteURL.admin(.referralPartners).path),
                      ("Audit trail", SiteURL.admin(.audit).path)]
        }
        return items
    }
}

struct ErrorPage: Encodable, Sendable {
    var shell: PageShell
    var status: Int
    var heading: String
    var reason: String
    var requestID: String
    /// On a chart's "not found", for a user who may break the glass: the reason form that opens it in an emergency.
    var emergencyOffer: EmergencyReasonForm?

    static func heading(for status: HTTPResponseStatus) -> String {
        switch status {
        case .notFound: "Not found"
        case .forbidden: "Not allowed"
        case .methodNotAllowed: "Not allowed here"
        case .payloadTooLarge: "Too much data"
        default: status.code >= 500 ? "Something went wrong" : "That did not work"
        }
    }
}

/// A form field's value and the message shown beside it when it is wrong.
struct FormField: Encodable, Sendable {
    var value: String
    var error: String?

    init(_ value: String? = nil, error: String? = nil) {
        self.value = value ?? ""
        self.error = error
    }
}
