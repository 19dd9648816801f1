import Foundation
import HearthCore

/// Synthetic assessments: a signed start-of-care assessment for admitted patients, and a run of PHQ-9s for some,
/// so that deadlines are met or missed as in a real agency and trends have something to draw.
enum DemoAssessments {
    /// The clinical rules a seeded patient is checked against.
    struct Rules: Sendable {
        var clock: RegulatoryClock
        var instruments: InstrumentCatalog
        var medications: MedicationCatalog
    }

    /// Plausible answers to every question the instrument asks; `severity` 0…1 leans choices and numbers higher.
    static func answers(_ instrument: InstrumentDefinition, severity: Double, using generator: inout SeededGenerator) -> AssessmentAnswers {
        var answers = AssessmentAnswers()
        for item in instrument.items where instrument.visibleItemIDs(given: answers).contains(item.id) {
            let roll = Double(generator.next() % 1000) / 1000
            let lean = min(0.999, max(0, roll * 0.5 + severity * 0.5))
            switch item.type {
            case .singleChoice:
                answers[item.id] = .choice(item.options[Int(lean * Double(item.options.count))].code)
            case .multiChoice:
                answers[item.id] = .choices([item.options[Int(roll * Double(item.options.count))].code])
            case .yesNo:
                answers[item.id] = .yesNo(lean > 0.7)
            case .number:
                let low = item.min ?? 0, high = item.max ?? low + 10
                let value = low + (high - low) * (item.id.contains("saturation") || item.id.contains("o2") ? 0.9 + roll * 0.1 : lean * 0.6)
                answers[item.id] = .number(item.integerOnly ? value.rounded() : (value * 10).rounded() / 10)
            case .date:
                answers[item.id] = .date(CalendarDate("2026-01-01")!.adding(days: Int(roll * 300)))
            case .text:
                answers[item.id] = .text("Discussed with the patient and caregiver.")
            case .bodyArea:
                answers[item.id] = .bodyAreas([BodyArea.allCases[Int(roll * Double(BodyArea.allCases.count))]])
            }
        }
        return answers
    }

    /// A signed assessment row with its headline score, as signing would leave it.
    static func signed(_ instrument: InstrumentDefinition, kind: AssessmentKind, answers: AssessmentAnswers, patientID: UUID, episodeID: UUID?,
                       on day: CalendarDate, by userID: UUID?, zone: TimeZone) throws -> AssessmentRecord {
        let evaluation = instrument.evaluate(answers)
        let headline = evaluation.headline
        let record = AssessmentRecord()
        record.id = UUID()
        record.$patient.id = patientID
        record.$episode.id = episodeID
        record.kind = kind.rawValue
        record.instrumentID = instrument.id
        record.instrumentVersion = instrument.version
        record.version = 1
        record.status = AssessmentStatus.signed.rawValue
        record.answers = try AssessmentStore.encode(answers)
        record.assessedOn = day.description
        record.$startedBy.id = userID
        record.$signedBy.id = userID
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        record.signedAt = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 15))
        record.scoreValue = headline?.value
        record.scoreSummary = headline?.summary
        record.findings = try AssessmentStore.encode(evaluation.findings)
        record.alerts = try AssessmentStore.encode([SafetyAlert]()) // demo alerts would flood the worklist
        return record
    }
}
