import Foundation
import HearthCore

/// Synthetic physician orders and summaries for a demo episode: every past period's plan of care signed, most
/// current ones signed, some still waiting (so the aging report has 0–15, 16–30 and 31+ day orders), and the
/// discharge and transfer summaries sent on time for most episodes; the Notice of Admission and the face-to-face encounter
/// recorded for the payers that require them, with a few missing so the compliance page has work.
enum DemoOrders {
    struct Rows {
        var orders: [PhysicianOrderRecord] = []
        var documents: [ComplianceDocument] = []
        /// What the rows mean to the regulatory clock.
        var records: [ComplianceRecord] = []
    }

    static func rows(for episode: Episode, serial: Int, patientID: UUID, episodeID: UUID, physician: User, caseManagerID: UUID?,
                     payers: Set<PayerProgram>, today: CalendarDate, zone: TimeZone) throws -> Rows {
        var rows = Rows()
        guard let soc = episode.startOfCare else { return rows }
        let current = CertificationPeriod.containing(min(today, episode.certifiedThrough ?? today), startOfCare: soc)?.number ?? 1
        for number in 1...max(1, min(episode.certifiedPeriods, current)) {
            // No order for a plan not yet written.
            if number == 1, episode.status.isOpen, !DemoCarePlan.planWritten(episode, serial: serial, today: today) { continue }
            let period = CertificationPeriod(number: number, startOfCare: soc)
            let waiting = number == current && DemoNames.spread(serial) % 4 == 0 && episode.status.isOpen
            let sentDay = waiting ? max(period.start, today.adding(days: -(serial % 45))) : period.start
            let signedDay = sentDay.adding(days: 2 + serial % 10)
            let kind: OrderKind = number == 1 ? .planOfCareStartOfCare : .planOfCareRecertification
            var order = try PhysicianOrder(id: UUID().uuidString, kind: kind, physician: try OrderStore.physician(physician),
                                           document: "Plan of care, certification period \(number) (\(period.start) – \(period.end)). Synthetic demo record.")
            try order.send(at: noon(sentDay, zone))
            if !waiting && signedDay <= today {
                try order.sign(as: OrderSigner(physicianID: order.physician.id, name: physician.displayName, credentials: "Physician", reauthenticated: true),
                               at: noon(signedDay, zone))
            }
            let record = try OrderStore.record(order, patientID: patientID, episodeID: episodeID, physicianID: try physician.requireID(),
                                               summary: "\(kind.title), period \(number)", periodNumber: number, by: caseManagerID ?? physician.requireID())
            rows.orders.append(record)
        }
        rows.records += try ComplianceRecords.of(rows.orders, zone: zone)
        func record(_ kind: ComplianceRecord.Kind, on day: CalendarDate) throws {
            guard day <= today else { return }
            let document = ComplianceDocument()
            document.id = UUID()
            document.$patient.id = patientID
            document.$episode.id = episodeID
            document.kind = kind.key
            document.onDate = day.description
            rows.documents.append(document)
            rows.records.append(ComplianceRecord(id: try document.requireID().uuidString.lowercased(), kind: kind, date: day))
        }
        // Billing paperwork: the NOA a day or three after start of care for traditional Medicare, and the face-to-face
        // encounter at the hospital discharge before it. One recent admission in about twenty has each still missing:
        // an agency chases paperwork within days, so months-old gaps would not look like one.
        let recent = soc >= today.adding(days: -10)
        if payers.contains(.medicare), !(recent && DemoNames.spread(serial) % 19 == 3) {
            try record(.noticeOfAdmission, on: soc.adding(days: 1 + serial % 3))
        }
        if !payers.isDisjoint(with: [.medicare, .medicaid]), !(recent && DemoNames.spread(serial) % 23 == 5) {
            try record(.faceToFaceEncounter, on: soc.adding(days: -(1 + serial % 12)))
        }
        // Summaries to the physician: on time for most; every fifth recent one still missing, so the compliance page has some.
        for event in episode.events where DemoNames.spread(serial) % 5 != 0 || event.date < today.adding(days: -10) {
            switch event.kind {
            case .discharge: try record(.dischargeSummary, on: event.date.adding(days: 3))
            case .transfer: try record(.transferSummary, on: event.date.adding(days: 1))
            default: continue
            }
        }
        return rows
    }

    static func noon(_ day: CalendarDate, _ zone: TimeZone) -> Date {
        AgencyTime.instant(day, hour: 12, in: zone) ?? Date()
    }
}

/// A synthetic care plan for a demo episode: a problem with a measurable goal, nursing and therapy with their
/// frequencies, the patient's words, and the CMS-485 details, saved as version 1.
enum DemoCarePlan {
    static let plans: [(problem: String, goal: String, measure: String, discipline: Discipline, action: String, frequency: String, prn: String?)] = [
        ("Knowledge deficit: heart-failure self-care", "Weighs self daily and logs it", "log shows 7 of 7 days", .skilledNursing,
         "Teach heart-failure self-care, daily weights and low-salt diet", "2w4, 1w5, 2prn", "weight gain over 3 lb in a day or 5 lb in a week"),
        ("Risk for falls", "Walks in the home with a walker without a fall", "no falls; 150 feet without rest", .physicalTherapy,
         "Gait and balance training, home exercise program", "2w3, 1w4", nil),
        ("Impaired skin integrity: sacral wound", "Wound shows healing", "wound area down 50% from start of care", .skilledNursing,
         "Wound care per order; teach caregiver dressing change", "3w2, 2w3, 1w4, 3prn", "dressing soiled or dislodged, signs of infection"),
    ]

    /// A quarter of the patients in their first certification period are still waiting for their plan (and so for
    /// its order, whose deadline is still open); every other admitted patient has one.
    static func planWritten(_ episode: Episode, serial: Int, today: CalendarDate) -> Bool {
        guard let soc = episode.startOfCare else { return false }
        return soc.days(until: today) >= CertificationPeriod.length || DemoNames.spread(serial) % 4 != 0
    }

    static func rows(for episode: Episode, serial: Int, episodeID: UUID, patientID: UUID, by userID: UUID?, today: CalendarDate) throws -> (CarePlanRecord, CarePlanVersionRecord)? {
        // Every admitted patient has the plan its plan-of-care orders are for, except some admitted this week.
        guard episode.status.isOpen, planWritten(episode, serial: serial, today: today), let period = CarePlanStore.period(of: episode, today: today) else { return nil }
        let pick = plans[serial % plans.count]
        let problem = CarePlanProblem(id: "p-demo\(serial % plans.count)", title: pick.problem)
        let goal = CarePlanGoal(id: "g-demo1", problemID: problem.id, what: pick.goal, measure: pick.measure, targetDate: period.end)
        let intervention = CarePlanIntervention(id: "i-demo1", problemID: problem.id, discipline: pick.discipline, action: pick.action,
                                                frequency: try VisitFrequency(parsing: pick.frequency), prnTrigger: pick.prn)
        let content = CarePlanContent(problems: [problem], goals: [goal], interventions: [intervention],
                                      patientInput: PatientFamilyInput(ownGoals: "I want to stay in my own home", preferences: "Morning visits"))
        let details = PlanOfCareFields(functionalLimitations: [.endurance, .ambulation], activitiesPermitted: [.upAsTolerated, .walker],
                                       mentalStatus: [.oriented], prognosis: .fair, equipmentAndSupplies: "Walker, shower chair",
                                       safetyMeasures: "Fall precautions; clear pathways", nutrition: "2 g sodium diet",
                                       rehabilitationPotential: "Good for stated goals", dischargePlans: "Discharge to self-care when goals are met",
                                       hospitalizationRisk: "Moderate; call-first plan posted on the refrigerator")
        let plan = CarePlanRecord()
        plan.id = UUID()
        plan.$patient.id = patientID
        plan.$episode.id = episodeID
        plan.currentVersion = 1
        let version = CarePlanVersionRecord()
        version.$carePlan.id = try plan.requireID()
        version.version = 1
        version.content = String(decoding: try content.jsonData(), as: UTF8.self)
        version.details = String(decoding: try CarePlanStore.sortedJSON(details), as: UTF8.self)
        version.changeSummary = CarePlanStore.changes(CarePlanDiff(from: CarePlanContent(), to: content), details: PlanOfCareFields(), to: details).joined(separator: "\n")
        version.$createdBy.id = userID
        return (plan, version)
    }
}
