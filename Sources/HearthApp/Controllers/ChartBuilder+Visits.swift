import Foundation
import HearthCore
import Vapor

/// The chart's visit card: recent and scheduled visits, the care plan's frequencies kept or missed, vital-sign trends.
extension ChartBuilder {
    /// Visits of the last two weeks and those scheduled, with missed visits counted.
    /// `rows`: the chart's visits (`ChartQueries.visits`); `clinicians`: the team's, for the new-visit form.
    static func visitCard(_ patient: Patient, visits rows: [VisitRecord], plan: CarePlanStore.Plan?, clinicians: [(value: String, label: String)],
                          today: CalendarDate, canWrite: Bool) throws -> VisitCard {
        let patientID = try patient.requireID()
        let visits = VisitStore.aroundToday(rows, today: today)
        let controller = VisitController()
        let frequencies = frequencyCompliance(rows, plan: plan, today: today)
        var card = VisitCard(lines: try visits.map { visit in
                             visit.$patient.value = patient
                             return try controller.line(visit, todo: [])
                         },
                         missed: visits.filter { $0.visitStatus == .missed }.count, frequencies: frequencies,
                         generateAction: canWrite ? SiteURL.patient(patientID, .generateVisits).path : nil,
                         newVisit: canWrite ? PageForm(action: SiteURL.patient(patientID, .visits).path, fields: [
                             .text("date", "Date", today.description, [:], prefix: "nv-", type: "date"),
                             .text("time", "Time", "09:00", [:], prefix: "nv-", type: "time"),
                             .text("minutes", "Minutes", String(VisitStore.defaultMinutes), [:], prefix: "nv-", type: "number"),
                             .select("discipline", "Discipline", "SN", Discipline.allCases.map { ($0.rawValue, $0.title) }, [:], prefix: "nv-"),
                             .select("kind", "Kind of visit", VisitKind.routine.rawValue, VisitKind.allCases.map { ($0.rawValue, $0.title) }, [:], prefix: "nv-"),
                             .select("clinicianID", "Clinician", nil, clinicians, [:], prefix: "nv-"),
                         ], error: nil) : nil)
        card.vitalTrends = vitalTrends(rows, today: today)
        card.planWarning = plan.flatMap { schedulingWarning($0.standing) }
        return card
    }

    /// The first day the chart's visits are read from: 180 days back for the vital-sign trends, or the plan's period start.
    static func visitsSince(plan: CarePlanStore.Plan?, today: CalendarDate) -> CalendarDate {
        let trends = today.adding(days: -180)
        guard let start = plan?.period?.start else { return trends }
        return min(start, trends)
    }

    /// On the chart's care plan card: which version is signed and in force, and whether a draft waits.
    static func standingLine(_ standing: CarePlanStanding) -> String {
        let signed = standing.inForce.map { "version \($0.version) signed by \($0.physicianName), in force" } ?? "not yet signed by the physician"
        let draft = standing.inForce != nil ? standing.draft.map { "; draft version \($0) not yet signed" } ?? "" : ""
        return signed + draft
    }

    /// What "Schedule visits from the care plan" books from, when it is not simply the signed plan. Before any signature the
    /// draft is booked (the start-of-care visit and first weeks are made on the referral's and verbal orders, and an agency
    /// cannot wait for the signed plan to come back), with this warning; after it, draft changes are not booked until signed.
    static func schedulingWarning(_ standing: CarePlanStanding) -> String? {
        guard standing.current > 0 else { return nil }
        guard let signed = standing.inForce else {
            return "The plan of care is not signed yet: visits are booked from the draft (version \(standing.current)). "
                + "Visits before the signature need the physician's verbal order: record it under the care plan's Physician orders."
        }
        return standing.draft.map { "Visits follow the signed version \(signed.version); draft changes (version \($0)) are not booked until the physician signs them." }
    }

    /// The vital signs that tell a case manager a patient is getting worse (weight in heart failure, blood pressure,
    /// oxygen, pulse, glucose), from the last 180 days of documented visits, each over time.
    static func vitalTrends(_ rows: [VisitRecord], today: CalendarDate) -> [TrendChart] {
        let from = today.adding(days: -180).description
        let visits = rows.filter { $0.status == VisitStatus.completed.rawValue && $0.scheduledOn >= from }.sorted { $0.scheduledOn < $1.scheduledOn }.prefix(200)
        var readings: [VitalSign: [(day: String, value: Double)]] = [:]
        for visit in visits {
            guard let note = try? VisitStore.note(visit) else { continue }
            for sign in [VitalSign.weight, .systolic, .oxygenSaturation, .pulse, .glucose] {
                guard var value = note.vitals[sign.rawValue].flatMap(Double.init) else { continue }
                if sign == .weight, note.weightUnit == "kg" { value /= 0.45359237 } // one scale: pounds
                readings[sign, default: []].append((visit.scheduledOn, value))
            }
        }
        return [VitalSign.weight, .systolic, .oxygenSaturation, .pulse, .glucose].compactMap { sign in
            guard let series = readings[sign], !series.isEmpty else { return nil }
            let unit = sign == .weight ? " (lb)" : sign == .oxygenSaturation ? " (%)" : ""
            return TrendChart(title: sign.title + unit, readings: series, fromZero: false)
        }
    }

    /// Each ordered frequency of the current plan against the visits made and missed, week by week from the period's start
    /// (or, for an interim order, from the day it took effect: weeks before it were not ordered, so they cannot fall short).
    static func frequencyCompliance(_ rows: [VisitRecord], plan: CarePlanStore.Plan?, today: CalendarDate) -> [VisitCard.Frequency] {
        guard let plan, let period = plan.period,
              !plan.inForce.interventions.isEmpty else { return [] }
        let (start, end) = (period.start.description, period.end.description)
        let visits = rows.filter { $0.scheduledOn >= start && $0.scheduledOn <= end }
        return plan.inForce.interventions.map { intervention in
            let outcomes = visits.filter { $0.discipline == intervention.discipline.rawValue }.compactMap { visit -> (date: CalendarDate, outcome: VisitOutcome)? in
                guard let day = CalendarDate(visit.scheduledOn) else { return nil }
                switch visit.visitStatus {
                case .completed: return (day, .made)
                case .missed: return (day, .missed)
                case .scheduled: return (day, .scheduled)
                case .cancelled: return nil
                }
            }
            let weeks = FrequencyCompliance.weeks(frequency: intervention.frequency, planStart: intervention.frequencyStart(in: period),
                                                  periodEnd: period.end, visits: outcomes)
            return VisitCard.Frequency(order: intervention.orderText, weeks: weeks.map { week in
                let (state, word): (String, String) = switch week.status(today: today) {
                case .upcoming: ("upcoming", "to come")
                case .inProgress(let toGo): ("due_soon", "\(toGo) to go")
                case .met: ("met", "met")
                case .short(let by): ("overdue", "short by \(by)")
                case .over(let by): ("overdue", "\(by) over the order")
                }
                return .init(label: "W\(week.week)", text: "\(week.made)/\(week.ordered)", state: state,
                             title: "Week \(week.week), \(week.first) – \(week.last): \(week.made) made of \(week.ordered) ordered, \(week.missed) missed, "
                                 + "\(week.scheduled) scheduled; \(word)")
            })
        }
    }
}

extension VisitCard {
    /// The outcome of "Schedule visits from the care plan", read back from the address it redirected to.
    func withOutcome(of req: Request) -> VisitCard {
        guard let outcome = VisitStore.Generated(query: req) else { return self }
        var card = self
        card.scheduled = outcome.summary
        card.scheduledDetails = outcome.details
        return card
    }
}
