import Foundation

/// Which credentials each discipline must hold to make visits in each state, from
/// Resources/Scheduling/state-credential-requirements.json: a baseline for every state plus each state's additions.
public struct StateCredentialRequirements: Sendable, Equatable {
    /// What a role must hold: every group, and from each group any one credential ("LMSW or LCSW license").
    public struct Rule: Sendable, Equatable {
        public var groups: [[CredentialType]]
        /// Where the rule comes from, in one line.
        public var source: String
        /// Sample data that shows the mechanism but is no real state's rule; the page marks it so.
        public var isSample: Bool

        public init(groups: [[CredentialType]], source: String, isSample: Bool = false) {
            self.groups = groups
            self.source = source
            self.isSample = isSample
        }
    }

    /// A role the rules name: a discipline making visits, or the patient's case manager.
    public enum Role: Sendable, Hashable {
        case discipline(StaffDiscipline)
        case caseManager

        public init?(key: String) {
            if key == "case_manager" { self = .caseManager } else if let discipline = StaffDiscipline(rawValue: key) {
                self = .discipline(discipline)
            } else { return nil }
        }
    }

    /// Applies in every state.
    public var everywhere: [Role: Rule]
    /// Additions by two-letter state code.
    public var states: [String: [Role: Rule]]

    public init(everywhere: [Role: Rule], states: [String: [Role: Rule]] = [:]) {
        self.everywhere = everywhere
        self.states = states
    }

    /// The rules for `role` in `state`: the baseline first, then the state's own.
    public func rules(for role: Role, in state: String) -> [Rule] {
        [everywhere[role], states[state.uppercased()]?[role]].compactMap { $0 }
    }

    /// Why `staff` may not make this visit for a patient living in `patientState` on `visitDate`, or nil when they may:
    /// the wrong discipline, a credential missing for that state, or one expired or not yet valid on the day.
    public func assignmentProblem(staff: StaffProfile, discipline: Discipline, kind: VisitKind = .routine,
                                  visitDate: CalendarDate, patientState: String) -> AssignmentRefusal? {
        if let why = staff.discipline.refusal(for: discipline, kind: kind) {
            return AssignmentRefusal(staffName: staff.name, reason: .wrongDiscipline(why: why, assignInstead: StaffDiscipline.staff(for: discipline, kind: kind)))
        }
        return credentialProblem(staff: staff, role: .discipline(staff.discipline), on: visitDate, state: patientState)
    }

    /// Why `staff` may not be this patient's case manager on `day`: case managers are RNs, LPN/LVNs or social workers,
    /// licensed where the patient lives, plus whatever the state adds for case managers.
    public func caseManagerProblem(staff: StaffProfile, on day: CalendarDate, patientState: String) -> AssignmentRefusal? {
        let allowed: [StaffDiscipline] = [.registeredNurse, .practicalNurse, .socialWorker]
        guard allowed.contains(staff.discipline) else {
            return AssignmentRefusal(staffName: staff.name, reason: .notCaseManagerDiscipline(staff.discipline))
        }
        return credentialProblem(staff: staff, role: .discipline(staff.discipline), on: day, state: patientState)
            ?? credentialProblem(staff: staff, role: .caseManager, on: day, state: patientState)
    }

    private func credentialProblem(staff: StaffProfile, role: Role, on day: CalendarDate, state: String) -> AssignmentRefusal? {
        let state = state.trimmingCharacters(in: .whitespaces).uppercased()
        for rule in rules(for: role, in: state) {
            for group in rule.groups {
                let held = staff.credentials.filter { group.contains($0.type) && (!$0.type.isStateIssued || $0.state == state) }
                if held.contains(where: { $0.status(on: day).isInForce }) { continue }
                // The most recent of those held explains best: the license that lapsed, not an older one.
                guard let latest = held.max(by: { ($0.expires ?? .distantFuture) < ($1.expires ?? .distantFuture) }) else {
                    return AssignmentRefusal(staffName: staff.name, reason: .missing(group, state: group.contains { $0.isStateIssued } ? state : nil,
                                                                                     role: role, source: rule == everywhere[role] ? nil : rule.source,
                                                                                     sample: rule.isSample))
                }
                switch latest.status(on: day) {
                case .expired(let since): return AssignmentRefusal(staffName: staff.name, reason: .expired(latest, on: since))
                case .notYetValid(let from): return AssignmentRefusal(staffName: staff.name, reason: .notYetValid(latest, from: from))
                case .valid, .expiring: continue
                }
            }
        }
        return nil
    }
}

/// Why a clinician cannot be assigned, in a sentence that names them and says what to do.
public struct AssignmentRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case wrongDiscipline(why: String, assignInstead: [StaffDiscipline])
        case notCaseManagerDiscipline(StaffDiscipline)
        /// `source` names a state's own rule; nil for the licensure every state requires.
        case missing([CredentialType], state: String?, role: StateCredentialRequirements.Role, source: String?, sample: Bool)
        case expired(Credential, on: CalendarDate)
        case notYetValid(Credential, from: CalendarDate)
    }

    public var staffName: String
    public var reason: Reason

    public var description: String {
        switch reason {
        case .wrongDiscipline(let why, let instead):
            let who = instead.map(\.description)
            return "\(staffName) cannot be assigned: \(why). "
                + (who.isEmpty ? "No discipline can make this visit; check the visit's discipline." : "Assign \(Self.either(who)) instead.")
        case .notCaseManagerDiscipline(let discipline):
            return "\(staffName) is \(discipline.aTitle); a case manager is an RN, LPN/LVN or social worker. Choose one of them."
        case .missing(let types, let state, let role, let source, let sample):
            let what = Self.either(types.map(\.description))
            let forRole = role == .caseManager ? ", which case managers need" : ""
            let place = state.map { " for \($0)" } ?? ""
            let why = source.map { " (\($0)\(sample ? "; sample rule" : ""))" } ?? ""
            return "\(staffName) holds no \(what)\(place)\(forRole)\(why). "
                + "Record the credential on the staff profile, or assign someone who holds it."
        case .expired(let credential, let day):
            return "\(staffName)'s \(credential.name) expired on \(day). Record the renewed credential, or assign someone else."
        case .notYetValid(let credential, let from):
            return "\(staffName)'s \(credential.name) is valid from \(from). Schedule the visit from then, or assign someone else."
        }
    }

    static func either(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }
}
