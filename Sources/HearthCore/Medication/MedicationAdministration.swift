/// What happened to a scheduled or as-needed dose on the medication administration record (MAR).
public enum AdministrationStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case given
    /// Not given on purpose, for a clinical reason (heart rate below the hold parameter).
    case held
    /// The patient declined it.
    case refused
    /// Not given and not deliberately held: asleep, out of the home, medication not there.
    case missed

    /// The status as the MAR column shows it.
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// One dose on the MAR, checked.
public struct AdministrationRecord: Sendable, Hashable, Codable {
    public var status: AdministrationStatus
    public var date: CalendarDate
    /// When it was given (or due, for held, refused and missed doses).
    public var time: TimeOfDay?
    public var reason: String?
    /// What was given when it differs from, or adds to, the order ("1/2 tablet").
    public var doseGiven: MedicationDose?

    public init(status: AdministrationStatus, date: CalendarDate, time: TimeOfDay? = nil, reason: String? = nil, doseGiven: MedicationDose? = nil) {
        self.status = status
        self.date = date
        self.time = time
        self.reason = reason
        self.doseGiven = doseGiven
    }
}

/// A MAR entry as the aide or nurse records it, checked against the medication before it is saved.
public struct AdministrationDraft: Sendable, Equatable {
    public var status: AdministrationStatus?
    public var date: CalendarDate?
    public var time: TimeOfDay?
    public var reason: String
    public var doseGiven: MedicationDose?
    /// Problems found while reading the typed form values.
    private var typingProblems: [String: String] = [:]

    public init(status: AdministrationStatus, date: CalendarDate, time: TimeOfDay? = nil, reason: String = "", doseGiven: MedicationDose? = nil) {
        self.status = status
        self.date = date
        self.time = time
        self.reason = reason.trimmed
        self.doseGiven = doseGiven
    }

    /// Reads the posted form: status raw value, date "YYYY-MM-DD", time "HH:MM" (optional), dose "1 tablet" (optional).
    public init(status: String, date: String, time: String = "", reason: String = "", doseGiven: String = "") {
        self.status = AdministrationStatus(rawValue: status.trimmed.lowercased())
        self.date = CalendarDate(date.trimmed)
        self.time = TimeOfDay(time)
        self.reason = reason.trimmed
        self.doseGiven = MedicationDose.parse(doseGiven)
        if self.status == nil { typingProblems["status"] = "Choose given, held, refused or missed." }
        if self.date == nil { typingProblems["date"] = "Enter the date as YYYY-MM-DD, e.g. 2026-11-20." }
        if !time.trimmed.isEmpty && self.time == nil { typingProblems["time"] = "Enter the time as HH:MM, e.g. 08:00." }
        if !doseGiven.trimmed.isEmpty && self.doseGiven == nil {
            typingProblems["doseGiven"] = "Give the dose as a number and a unit, e.g. 1 tablet or 5 mg."
        }
    }

    /// Problems by field name; empty when the entry can be saved for this medication.
    public func problems(for medication: Medication, today: CalendarDate) -> [String: String] {
        var problems = typingProblems
        if !medication.administeredBy.usesMAR {
            let who = medication.administeredBy == .patient ? "the patient takes it themselves" : "a family caregiver gives it"
            problems["medication"] = "\(medication.name) is not on the MAR because \(who); record an adherence check instead."
        }
        if let date {
            if date > today {
                problems["date"] = "The date is in the future; record a dose once it has been given, held, refused or missed."
            } else if date < medication.start {
                problems["date"] = "\(medication.name) starts on \(medication.start); a MAR entry cannot be recorded before then."
            } else if let stop = medication.stop, date > stop {
                problems["date"] = "\(medication.name) was discontinued on \(stop); a MAR entry cannot be recorded for it."
            }
        }
        if let status { reasonProblem(status, medication).map { problems["reason"] = $0 } }
        if reason.count > 500 { problems["reason"] = "Use at most 500 characters." }
        if doseGiven != nil, let status, status != .given {
            problems["doseGiven"] = "Only a given dose has an amount; clear it or choose given."
        }
        return problems
    }

    /// The checked entry, or nil while there are problems.
    public func record(for medication: Medication, today: CalendarDate) -> AdministrationRecord? {
        guard problems(for: medication, today: today).isEmpty, let status, let date else { return nil }
        return AdministrationRecord(status: status, date: date, time: time, reason: reason.nonEmpty, doseGiven: doseGiven)
    }

    private func reasonProblem(_ status: AdministrationStatus, _ medication: Medication) -> String? {
        guard reason.isEmpty else { return nil }
        switch status {
        case .held: return "Say why the dose was held, e.g. heart rate 52, held per parameters."
        case .refused: return "Say why the patient refused, in their words if you can."
        case .missed: return "Say why the dose was missed, e.g. patient asleep or medication not in the home."
        case .given:
            return medication.schedule.isScheduled ? nil : "Say why the as-needed dose was given, e.g. pain 7/10."
        }
    }
}

/// One day of the MAR: for each medication an aide or nurse gives, its scheduled times and what was recorded.
public struct MARDay: Sendable, Hashable {
    /// A scheduled dose and what was recorded for it.
    public struct Slot: Sendable, Hashable {
        /// The scheduled time; nil for "twice a day" with no set times.
        public var time: TimeOfDay?
        public var record: AdministrationRecord?

        /// Nothing recorded yet.
        public var isOutstanding: Bool { record == nil }
    }

    /// One medication's line on the day.
    public struct Row: Sendable, Hashable, Identifiable {
        /// The medication's id in the app.
        public var id: String
        public var medication: Medication
        public var slots: [Slot]
        /// As-needed doses, and entries that match no scheduled time.
        public var extra: [AdministrationRecord]

        /// Scheduled doses with nothing recorded.
        public var outstanding: [Slot] { slots.filter(\.isOutstanding) }

        /// More as-needed doses given than the order's daily maximum.
        public var overPRNLimit: Bool {
            guard let max = medication.schedule.maxDosesPerDay else { return false }
            return extra.filter { $0.status == .given }.count > max
        }
    }

    /// An entry within this many minutes of a scheduled time belongs to it: the narrower window CMS's hospital guidance
    /// allows for non-time-critical doses (S&C 12-05-Hospital), our choice for home care.
    public static let slotWindowMinutes = 60

    /// The day the grid shows.
    public let date: CalendarDate
    /// MAR medications active on the day, by name.
    public let rows: [Row]

    /// Builds the grid from the patient's medications (with the app's ids) and the MAR entries; other days' entries are ignored.
    public init(date: CalendarDate, medications: [(id: String, medication: Medication)],
                records: [(medicationID: String, record: AdministrationRecord)]) {
        self.date = date
        rows = medications
            .filter { $0.medication.administeredBy.usesMAR && $0.medication.isActive(on: date) }
            .sorted { ($0.medication.name.lowercased(), $0.id) < ($1.medication.name.lowercased(), $1.id) }
            .map { item in
                let own = records.filter { $0.medicationID == item.id && $0.record.date == date }.map(\.record)
                return Self.row(id: item.id, medication: item.medication, on: date, records: own)
            }
    }

    /// Every scheduled dose with nothing recorded, across the day's rows.
    public var outstandingCount: Int { rows.reduce(0) { $0 + $1.outstanding.count } }

    private static func row(id: String, medication: Medication, on date: CalendarDate, records: [AdministrationRecord]) -> Row {
        let schedule = medication.schedule
        var slots: [Slot] = []
        if schedule.isDue(on: date, startingOn: medication.start) {
            slots = schedule.times.isEmpty
                ? Array(repeating: Slot(time: nil, record: nil), count: schedule.dosesPerDay ?? 0)
                : schedule.times.map { Slot(time: $0, record: nil) }
        }
        var extra: [AdministrationRecord] = []
        let ordered = records.sorted { ($0.time?.minutes ?? Int.max) < ($1.time?.minutes ?? Int.max) }
        for record in ordered {
            if let index = slotIndex(for: record, in: slots, asNeeded: schedule.asNeeded) {
                slots[index].record = record
            } else {
                extra.append(record)
            }
        }
        return Row(id: id, medication: medication, slots: slots, extra: extra)
    }

    /// The nearest open timed slot within the window; else, with no set times, the first open slot. A PRN dose given
    /// on a medication that is also scheduled only takes a slot when it is within the window of one.
    private static func slotIndex(for record: AdministrationRecord, in slots: [Slot], asNeeded: Bool) -> Int? {
        let open = slots.indices.filter { slots[$0].isOutstanding }
        if let time = record.time {
            let timed = open.compactMap { index in slots[index].time.map { (index, abs($0.minutes - time.minutes)) } }
                .filter { $0.1 <= slotWindowMinutes }
                .min { $0.1 < $1.1 }
            if let timed { return timed.0 }
        }
        if asNeeded && record.time != nil { return nil }
        return open.first { slots[$0].time == nil || record.time == nil }
    }
}
