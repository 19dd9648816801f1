/// A day to plan: the visits due, the clinicians working, the rules that decide who may make what, and how much each
/// soft cost weighs. Times are minutes after midnight on `date` in the agency's zone.
public struct DayPlanRequest: Sendable {
    public struct Visit: Sendable, Hashable {
        public var id: String
        public var patientName: String
        public var patientState: String
        public var location: GeoPoint?
        public var minutes: Int
        /// When the visit should happen: it starts no earlier than the first and should end by the second.
        public var window: ClosedRange<Int>
        /// A fixed appointment must end inside its window; a preference may run late, at a cost.
        public var isAppointment: Bool
        public var discipline: Discipline
        public var kind: VisitKind
        public var skills: Set<String>
        /// A start of care, or a resumption inside its 48 hours: never dropped to save cost.
        public var mustDo: Bool
        /// Clinicians who saw the patient recently; anyone else is a stranger and costs `Weights.stranger`.
        public var familiarClinicianIDs: [String]
        /// Fixed by hand to this clinician: the plan keeps it there.
        public var lockedClinicianID: String?
        /// Who has the visit in today's plan, so a re-plan can keep it (costs `Weights.change` to move).
        public var currentClinicianID: String?
        /// When it starts in today's plan (minutes after midnight), to say what the plan changes.
        public var currentStart: Int?
        /// The clinicians on the patient's care team: the visit puts the patient's name and address on a clinician's
        /// day, so only they may have it. Nil: anyone qualified.
        public var careTeamIDs: Set<String>?

        public init(id: String, patientName: String, patientState: String, location: GeoPoint?, minutes: Int, window: ClosedRange<Int>,
                    isAppointment: Bool = false, discipline: Discipline, kind: VisitKind = .routine, skills: Set<String> = [],
                    mustDo: Bool = false, familiarClinicianIDs: [String] = [], lockedClinicianID: String? = nil, currentClinicianID: String? = nil,
                    currentStart: Int? = nil, careTeamIDs: Set<String>? = nil) {
            self.id = id
            self.patientName = patientName
            self.patientState = patientState
            self.location = location
            self.minutes = minutes
            self.window = window
            self.isAppointment = isAppointment
            self.discipline = discipline
            self.kind = kind
            self.skills = skills
            self.mustDo = mustDo
            self.familiarClinicianIDs = familiarClinicianIDs
            self.lockedClinicianID = lockedClinicianID
            self.currentClinicianID = currentClinicianID
            self.currentStart = currentStart
            self.careTeamIDs = careTeamIDs
        }
    }

    public struct Clinician: Sendable {
        public var profile: StaffProfile
        public var skills: Set<String>
        public var maxVisits: Int?

        public init(profile: StaffProfile, skills: Set<String> = [], maxVisits: Int? = nil) {
            self.profile = profile
            self.skills = skills
            self.maxVisits = maxVisits
        }
    }

    /// What each soft cost weighs, in minutes of driving.
    public struct Weights: Sendable, Equatable {
        public var travelMinute = 1.0
        public var lateMinute = 2.0
        public var overtimeMinute = 3.0
        /// A minute a clinician's break starts past the latest start its window allows.
        public var lateBreakMinute = 3.0
        /// A visit by someone the patient has not seen recently.
        public var stranger = 30.0
        /// A visit moved away from today's plan.
        public var change = 20.0
        /// An optional visit left unplanned.
        public var unplacedOptional = 480.0
        /// How long past the end of their hours a clinician may be planned to get home.
        public var maxOvertimeMinutes = 60

        public init() {}
    }

    public var date: CalendarDate
    public var visits: [Visit]
    public var clinicians: [Clinician]
    public var requirements: StateCredentialRequirements
    public var weights: Weights
    public var travel: any TravelMatrixSource

    public init(date: CalendarDate, visits: [Visit], clinicians: [Clinician], requirements: StateCredentialRequirements,
                weights: Weights = Weights(), travel: any TravelMatrixSource = GreatCircleTravel()) {
        self.date = date
        self.visits = visits
        self.clinicians = clinicians
        self.requirements = requirements
        self.weights = weights
        self.travel = travel
    }

    /// Why `clinician` may not make `visit` (care team, discipline, credential on the day, skills), or nil when they may.
    public func refusal(_ visit: Visit, by clinician: Clinician) -> String? {
        if let team = visit.careTeamIDs, !team.contains(clinician.profile.id) {
            return "\(clinician.profile.name) is not on \(visit.patientName)'s care team. Add them to the care team first."
        }
        if let refusal = requirements.assignmentProblem(staff: clinician.profile, discipline: visit.discipline, kind: visit.kind,
                                                        visitDate: date, patientState: visit.patientState) {
            return refusal.description
        }
        let missing = visit.skills.subtracting(clinician.skills)
        return missing.isEmpty ? nil : "\(clinician.profile.name) lacks the skill \(missing.sorted().joined(separator: ", "))."
    }
}
