import Foundation

/// A supervisory visit made (not merely scheduled) by an RN or therapist about an aide's care.
public struct SupervisoryVisit: Sendable, Hashable, Identifiable {
    public var id: String
    public var date: CalendarDate
    public var supervisor: StaffDiscipline
    /// The aide whose care was supervised.
    public var aideID: String
    /// Made at the patient's home, not by phone.
    public var onSite: Bool
    /// The supervisor watched the aide give care.
    public var aidePresent: Bool

    public init(id: String, date: CalendarDate, supervisor: StaffDiscipline, aideID: String, onSite: Bool = true, aidePresent: Bool) {
        self.id = id
        self.date = date
        self.supervisor = supervisor
        self.aideID = aideID
        self.onSite = onSite
        self.aidePresent = aidePresent
    }
}

/// The next supervision deadline at a glance: for the chart, the caseload and the supervisor's compliance page.
public struct SupervisionDue: Sendable, Equatable {
    /// Nil when nothing more is owed (aide services ended).
    public var nextDue: CalendarDate?
    public var state: Obligation.State
    public var citation: String
    /// The obligation behind it, with its explanation.
    public var obligation: Obligation
}

/// Aide supervision as a repeating clock [42 CFR 484.80(h)]: each obligation is due a fixed time after the last visit
/// that met the previous one, so it cannot be counted from an episode event like the regulatory clock's rules. It returns
/// the same `Obligation` values, so the app lists them beside the episode's.
public struct AideSupervision: Sendable {
    public var rules: SupervisionRuleBook
    public var timeZone: TimeZone
    public var dueSoonDays: Int

    public init(rules: SupervisionRuleBook, timeZone: TimeZone, dueSoonDays: Int = 1) {
        self.rules = rules
        self.timeZone = timeZone
        self.dueSoonDays = dueSoonDays
    }

    /// Which rule a patient falls under: skilled when they receive nursing or therapy beside the aide, aide-only otherwise;
    /// nil when they receive no aide services [42 CFR 484.80(h)(1), (h)(2)].
    public static func scope(forPatientReceiving services: Set<Discipline>) -> SupervisionRule.Scope? {
        guard services.contains(.homeHealthAide) else { return nil }
        let skilled: Set<Discipline> = [.skilledNursing, .physicalTherapy, .occupationalTherapy, .speechLanguagePathology]
        return services.isDisjoint(with: skilled) ? .aideOnlyPatient : .skilledPatient
    }

    /// A patient's supervisory visits, oldest first, ending with the one still owed. The clock starts at the first aide
    /// visit; each visit by a qualified supervisor (on site, with the aide there when the rule says so) restarts it.
    /// Once aide services end, nothing further is owed.
    public func patientObligations(receiving services: Set<Discipline>, aideVisits: [CalendarDate], aideServicesEnded: CalendarDate? = nil,
                                   supervisoryVisits: [SupervisoryVisit], now: Date) -> [Obligation] {
        guard let scope = Self.scope(forPatientReceiving: services), let rule = rules.rule(for: scope),
              let start = aideVisits.min() else { return [] }
        let qualified = supervisoryVisits.filter { (!rule.aidePresent || $0.aidePresent) && $0.supervisor.maySuperviseAides(forPatientReceiving: services) }
        let virtual = Self.allowedVirtual(qualified.filter { !$0.onSite }, perSixtyDays: rule.virtualPer60Days, from: start)
        let counted = qualified.filter { $0.onSite || virtual.contains($0.id) }
        let who = scope == .aideOnlyPatient || services.contains(.skilledNursing) ? "an RN" : "an RN or the patient's therapist"
        let how = rule.virtualPer60Days > 0 ? "a supervisory visit by \(who), on site or (once in each 60 days) virtual" : "an on-site supervisory visit by \(who)"
        return chain(rule, start: start, startText: "aide services began \(start)", ended: aideServicesEnded,
                     visits: counted, satisfiedBy: how, now: now)
    }

    /// The virtual supervisory visits that count: the first `perSixtyDays` in each 60 days counted from the first aide visit
    /// [42 CFR 484.80(h)(1), CY 2022: "not to exceed 1 virtual supervisory assessment per patient in a 60-day episode"].
    static func allowedVirtual(_ visits: [SupervisoryVisit], perSixtyDays: Int, from start: CalendarDate) -> Set<String> {
        guard perSixtyDays > 0 else { return [] }
        var used: [Int: Int] = [:]
        var allowed = Set<String>()
        for visit in visits.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) {
            let period = max(0, start.days(until: visit.date)) / 60
            guard used[period, default: 0] < perSixtyDays else { continue }
            used[period, default: 0] += 1
            allowed.insert(visit.id)
        }
        return allowed
    }

    /// One aide's yearly on-site observation across all their patients [42 CFR 484.80(h)(1)(iii)], counted from `since`
    /// (the aide's first visit or competency evaluation).
    /// An aide who cares for an aide-only patient is observed by an RN every 6 months instead [42 CFR 484.80(h)(2), CY 2022].
    public func aideObligations(aideID: String, since start: CalendarDate, supervisoryVisits: [SupervisoryVisit], now: Date,
                                servesAideOnlyPatients: Bool = false) -> [Obligation] {
        let semiannual = servesAideOnlyPatients ? rules.rule(for: .aideServingAideOnlyPatients) : nil
        guard let rule = semiannual ?? rules.rule(for: .aide) else { return [] }
        let counted = supervisoryVisits.filter {
            $0.aideID == aideID && $0.onSite && $0.aidePresent
                && ($0.supervisor == .registeredNurse || (semiannual == nil && $0.supervisor.isTherapist))
        }
        return chain(rule, start: start, startText: "the aide started \(start)", ended: nil, visits: counted,
                     satisfiedBy: "an RN or therapist watching the aide give care in a patient's home", now: now)
    }

    /// The patient's next supervisory visit: due date, state and citation; nil when the patient has no aide services.
    public func due(receiving services: Set<Discipline>, aideVisits: [CalendarDate], aideServicesEnded: CalendarDate? = nil,
                    supervisoryVisits: [SupervisoryVisit], now: Date) -> SupervisionDue? {
        Self.due(patientObligations(receiving: services, aideVisits: aideVisits, aideServicesEnded: aideServicesEnded,
                                    supervisoryVisits: supervisoryVisits, now: now))
    }

    /// The last of `obligations` as the next deadline: its due day while owed, nil once met with nothing following.
    public static func due(_ obligations: [Obligation]) -> SupervisionDue? {
        guard let last = obligations.last else { return nil }
        return SupervisionDue(nextDue: last.isOutstanding ? last.window.dueDay : nil, state: last.state,
                              citation: last.citation, obligation: last)
    }

    private func chain(_ rule: SupervisionRule, start: CalendarDate, startText: String, ended: CalendarDate?,
                       visits: [SupervisoryVisit], satisfiedBy: String, now: Date) -> [Obligation] {
        let days = AgencyDayWindow(timeZone: timeZone, dueSoonDays: dueSoonDays)
        // Only visits made by today count; a scheduled one must not meet the deadline early.
        let today = CalendarDate(now, in: timeZone)
        let visits = visits.filter { $0.date <= today }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        var obligations: [Obligation] = []
        var anchor = start, because = startText
        while ended.map({ anchor < $0 }) ?? true, obligations.count < 1000 {
            // The first obligation may be met on the day aide services start; later ones the day after the last visit.
            let opens = obligations.isEmpty ? anchor : anchor.adding(days: 1)
            let window = days.window(opens: opens, due: rule.dueDay(after: anchor))
            let visit = visits.first { $0.date >= opens }
            var state: Obligation.State
            if let visit {
                state = .met(recordID: visit.id, late: visit.date > window.dueDay)
            } else if let ended, ended <= window.dueDay {
                state = .notApplicable(reason: "aide services ended on \(ended), before the visit was due")
            } else {
                state = days.state(of: window, now: now)
            }
            let occurrence = obligations.count + 1
            var obligation = Obligation(key: Obligation.key(rule: rule.id, occurrence: occurrence), ruleID: rule.id,
                                        occurrence: occurrence, title: rule.title, citation: rule.citation, window: window,
                                        state: state, explanation: "")
            obligation.explanation = explanation(obligation, rule: rule, because: because, satisfiedBy: satisfiedBy, visit: visit)
            obligations.append(obligation)
            guard let visit else { break }
            anchor = visit.date
            because = "the last supervisory visit was \(visit.date)"
        }
        return obligations
    }

    private func explanation(_ obligation: Obligation, rule: SupervisionRule, because: String, satisfiedBy: String,
                             visit: SupervisoryVisit?) -> String {
        let lead = "\(rule.title) due by \(obligation.window.dueDay) because \(because); \(rule.citation): \(rule.requirement)."
        let status: String = switch obligation.state {
        case .met(_, let late): "Met\(late ? " late" : "") by the \(visit?.supervisor.rawValue ?? "") visit on \(visit.map { "\($0.date)" } ?? "")."
        case .overdue(let days): "Overdue by \(days) day\(days == 1 ? "" : "s"). Schedule \(satisfiedBy) now."
        case .notApplicable(let reason): "Not applicable: \(reason)."
        default: "Open now. Satisfied by \(satisfiedBy)."
        }
        return lead + " " + status
    }
}
