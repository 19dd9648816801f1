import Foundation
import Vapor

/// Registering a route from its typed address: `people.get(.patient(.key, .carePlan), use: carePlan.show)`.
extension RoutesBuilder {
    @discardableResult
    func get<Response: AsyncResponseEncodable>(_ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        get(url.pathComponents, use: handler)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(_ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        post(url.pathComponents, use: handler)
    }

    @discardableResult
    func put<Response: AsyncResponseEncodable>(_ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        put(url.pathComponents, use: handler)
    }

    @discardableResult
    func delete<Response: AsyncResponseEncodable>(_ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        delete(url.pathComponents, use: handler)
    }
}

extension Request {
    /// A redirect to one of Hearth's own pages (303 after a form post, so the browser follows with GET).
    func redirect(to url: SiteURL, redirectType: Redirect = .normal) -> Response {
        redirect(to: url.path, redirectType: redirectType)
    }
}

extension HTML.Interpolation {
    /// A link target in a page: `href="\(SiteURL.patient(id))"`, escaped like any text.
    mutating func appendInterpolation(_ url: SiteURL) { appendInterpolation(url.path) }
}

extension SiteURL {
    /// Every route pattern Hearth registers, each once (a pattern answering GET and POST is listed once).
    /// `RouteTableTests` checks that `routes.swift` registers exactly these.
    static var routes: [SiteURL] {
        let k = UUID.key
        return [.home, .healthz, .readyz, .metrics, .login, .loginCode, .logout, .patients, .newPatient]
            + patientRoutes.map { .patient(k, $0) }
            + [.visits, .makeCalendarFeed, .revokeCalendarFeed, .calendarFeed(token: .key)] + VisitURL.allCases.map { .visit(k, $0) }
            + [.schedule, .schedulePlan, .schedulePlanApply, .resources, .compliance, .worklist, .tasks] + TaskURL.allCases.map { .task(k, $0) }
            + [.staff] + StaffURL.allCases.map { .staffMember(k, $0) }
            + [.orders] + OrderURL.allCases.map { .order(k, $0) }
            + [.hospital] + HospitalStayURL.allCases.map { .hospitalStay(k, $0) }
            + DischargePlanURL.routes.map { .dischargePlan(k, $0) }
            + UtilizationURL.allCases.map { .utilization($0) } + StayReviewURL.routes.map { .stayReview(k, $0) }
            + [.referralInbox] + InboundReferralURL.allCases.map { .inboundReferral(k, $0) }
            + [.emergencyAccess, .emergencyAccessFind, .reviewEmergencyAccess(k)]
            + AccountURL.allCases.map { .account($0) }
            + adminRoutes.map { .admin($0) }
            + APIURL.allCases.map { .api($0) }
            + [.smartConfiguration, .oauthToken]
            + fhirRoutes.map { .fhir($0) }
    }

    private static var patientRoutes: [PatientURL] {
        let k = UUID.key
        let simple: [PatientURL] = [
            .chart, .caseManager, .physician, .outsidePhysician, .safetyAlertContact(task: k), .diagnoses, .allergies, .coverages,
            .profile, .contacts, .removeContact(k), .directives, .removeDirective(k), .outsideContacts, .removeOutsideContact(k),
            .visits, .generateVisits, .communications, .referrals, .referral(k), .authorizations, .teaching, .assessments,
            .careTeam, .removeCareTeamMember(k), .episodes, .emergencyAccess, .endEmergencyAccess, .disclosures, .printDisclosures,
        ]
        let carePlan: [CarePlanURL] = [.plan, .problems, .goals, .interventions, .input, .details, .version(.key), .send, .sendChanges,
                                       .verbalOrders, .print]
            + CarePlanURL.GoalAction.allCases.map { .goal(.key, $0) } + CarePlanURL.InterventionAction.allCases.map { .intervention(.key, $0) }
        let medications: [MedicationsURL] = [.list, .adherence, .sideEffects, .teaching, .administrations, .reconciliations]
            + MedicationsURL.ReconciliationAction.allCases.map { .reconciliation(k, $0) }
            + MedicationsURL.MedicationAction.allCases.map { .medication(k, $0) }
        let homeSafety: [HomeSafetyURL] = [.overview, .evaluate, .findings(evaluation: k), .finding(.key)]
        let assessment: [AssessmentURL] = [.show, .section(.key), .autosave, .review, .sign, .amend, .upgrade]
        let episode: [EpisodeURL] = [.events, .documents, .waivers, .oasisSubmissions, .careEvents, .notices, .paymentPeriod(.key)]
        return simple + carePlan.map { .carePlan($0) } + medications.map { .medications($0) } + homeSafety.map { .homeSafety($0) }
            + assessment.map { .assessment(k, $0) } + episode.map { .episode(k, $0) }
    }

    private static var adminRoutes: [AdminURL] {
        let k = UUID.key
        return [.audit, .auditExport, .users, .tokens, .clients, .urCommittee, .referralPartners] + AdminURL.UserAction.allCases.map { .user(k, $0) }
            + AdminURL.TokenAction.allCases.map { .token(k, $0) } + AdminURL.ClientAction.allCases.map { .client(k, $0) }
            + AdminURL.MemberAction.allCases.map { .urCommitteeMember(k, $0) } + AdminURL.PartnerAction.allCases.map { .referralPartner(k, $0) }
    }

    /// FHIR's addresses, from the interactions `FHIRSearchTable` lists for each type.
    private static var fhirRoutes: [FHIRURL] {
        [.base, .metadata, .smartConfiguration] + FHIRType.allCases.flatMap { type -> [FHIRURL] in
            let interactions = Set(FHIRSearchTable.type(type.rawValue)?.interactions ?? [])
            let byInteraction: [(String, FHIRURL)] = [("search-type", .type(type)), ("create", .type(type)), ("read", .resource(type, .key)),
                                                      ("update", .resource(type, .key)), ("history-instance", .history(type, .key)),
                                                      ("vread", .version(type, .key, .key)), ("history-type", .typeHistory(type))]
            let operations = (FHIRSearchTable.type(type.rawValue)?.operations ?? []).map { operation -> FHIRURL in
                operation.name == "everything" ? .everything(.key) : operation.instance ? .instanceExport(type, .key) : .typeExport(type)
            }
            var seen: Set<FHIRURL> = []  // search and create share `[type]`, read and update `[type]/[id]`
            return (byInteraction.filter { interactions.contains($0.0) }.map(\.1) + operations).filter { seen.insert($0).inserted }
        } + [.export, .exportStatus(.key), .exportFile(.key)]
    }
}
