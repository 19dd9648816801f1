import Fluent
import Foundation
import HearthCore
import Vapor

/// Builds the assessment pages from an instrument, the stored answers and what was wrong with them.
enum AssessmentPages {
    static func form(_ patient: Patient, _ record: AssessmentRecord, _ instrument: InstrumentDefinition, sectionID: String,
                     answers: AssessmentAnswers, problems: [String: String], req: Request) throws -> AssessmentFormPage {
        let patientID = try patient.requireID()
        let base = SiteURL.patient(patientID, .assessment(try record.requireID())).path
        let canMove = record.status == AssessmentStatus.draft.rawValue
        let index = instrument.sections.firstIndex { $0.id == sectionID } ?? 0
        let section = instrument.sections[index]
        let visible = instrument.visibleItemIDs(given: answers)
        let progress = instrument.progress(answers)
        let required = progress.reduce(0) { $0 + $1.required }
        let done = progress.reduce(0) { $0 + $1.requiredAnswered }
        return AssessmentFormPage(
            shell: PageShell(request: req, title: "\(instrument.title): \(patient.listName)"),
            patientName: patient.displayName, chartHref: SiteURL.patient(patientID).path + "#assessments",
            title: instrument.title, instrumentVersion: InstrumentVersionNote(instrument, in: req.application.instruments, upgradeAction: canMove ? SiteURL.patient(patientID, .assessment(try record.requireID(), .upgrade)).path : nil),
            kind: AssessmentKind(rawValue: record.kind)?.title ?? record.kind, version: record.version, amendmentReason: record.amendmentReason,
            sections: zip(instrument.sections, progress).map { section, progress in
                .init(title: section.title, href: base + "?section=\(section.id)", current: section.id == instrument.sections[index].id,
                      complete: progress.isComplete, counts: "\(progress.answered) of \(progress.asked) answered")
            },
            sectionID: section.id, sectionTitle: section.title,
            action: SiteURL.patient(patientID, .assessment(try record.requireID(), .section(section.id))).path, autosaveHref: SiteURL.patient(patientID, .assessment(try record.requireID(), .autosave)).path, reviewHref: SiteURL.patient(patientID, .assessment(try record.requireID(), .review)).path,
            items: section.items.map { field(for: $0, answer: answers[$0.id], error: problems[$0.id], hidden: !visible.contains($0.id)) },
            hasPrevious: index > 0, hasNext: index < instrument.sections.count - 1, hasErrors: !problems.isEmpty,
            percentDone: required == 0 ? 100 : done * 100 / required,
            draftKey: "hearth-draft-\(try record.requireID().uuidString.lowercased())-\(section.id)"
        )
    }

    static func field(for item: InstrumentItem, answer: AssessmentAnswer?, error: String?, hidden: Bool) -> ItemField {
        let codes = Set(answer?.codes ?? [])
        var choices = item.options.map { ItemField.Choice(value: $0.code, label: $0.label, checked: codes.contains($0.code)) }
        switch item.type {
        case .yesNo: choices = [.init(value: "yes", label: "Yes", checked: codes.contains("yes")), .init(value: "no", label: "No", checked: codes.contains("no"))]
        case .bodyArea: choices = BodyArea.allCases.map { .init(value: $0.rawValue, label: $0.title, checked: codes.contains($0.rawValue)) }
        default: break
        }
        let value: String = switch answer {
        case .number(let number)?: ScoreFormat.text(number)
        case .date(let day)?: day.description
        case .text(let text)?: text
        default: ""
        }
        let condition = item.showWhen
        return ItemField(
            id: item.id, text: item.text, hint: item.hint, type: item.type.rawValue, choices: choices, value: value, unit: item.unit,
            min: item.min.map(ScoreFormat.text), max: item.max.map(ScoreFormat.text), step: item.integerOnly ? "1" : "any",
            error: error, required: item.required, hidden: hidden,
            conditionItem: condition?.item, conditionValues: (condition?.anyOf ?? condition?.equals.map { [$0] })?.joined(separator: ","),
            conditionAtLeast: condition?.atLeast.map(ScoreFormat.text)
        )
    }

    static func review(_ patient: Patient, _ record: AssessmentRecord, _ instrument: InstrumentDefinition, problems: [String: String],
                       canWrite: Bool, amendError: String? = nil, req: Request) async throws -> AssessmentReviewPage {
        let patientID = try patient.requireID()
        let base = SiteURL.patient(patientID, .assessment(try record.requireID())).path
        let answers = AssessmentStore.answers(of: record)
        let visible = instrument.visibleItemIDs(given: answers)
        let isDraft = record.status == AssessmentStatus.draft.rawValue
        let canMove = isDraft && canWrite
        let evaluation = instrument.evaluate(answers)
        let chain = try await AssessmentStore.chain(of: record, on: req.db)
        let signer = try await record.$signedBy.get(on: req.db)
        let formatter = DateFormatter()
        formatter.timeZone = req.application.settings.agencyTimeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return AssessmentReviewPage(
            shell: PageShell(request: req, title: "\(instrument.title): \(patient.listName)"),
            patientName: patient.displayName, chartHref: SiteURL.patient(patientID).path + "#assessments",
            title: instrument.title, instrumentVersion: InstrumentVersionNote(instrument, in: req.application.instruments, upgradeAction: canMove ? SiteURL.patient(patientID, .assessment(try record.requireID(), .upgrade)).path : nil),
            source: instrument.source, kind: AssessmentKind(rawValue: record.kind)?.title ?? record.kind,
            status: record.status, statusTitle: AssessmentStatus(rawValue: record.status)?.title ?? record.status, assessedOn: record.assessedOn,
            signature: record.signedAt.map { "Signed by \(signer?.displayName ?? "unknown") on \(formatter.string(from: $0))" },
            amendmentReason: record.amendmentReason,
            sections: instrument.sections.map { section in
                .init(title: section.title, editHref: isDraft && canWrite ? base + "?section=\(section.id)" : nil,
                      answers: section.items.filter { visible.contains($0.id) }.map { item in
                          .init(question: item.text, answer: answers[item.id]?.display(for: item) ?? "—", problem: problems[item.id])
                      })
            },
            scores: evaluation.scores.map { .init(title: $0.title, value: $0.displayValue, band: $0.bandLabel, interpretation: $0.interpretation) },
            findings: evaluation.findings.map { "\($0.title): \($0.reason)" },
            alerts: evaluation.alerts.map { "\($0.task) (\($0.reason))" },
            problemCount: problems.count,
            canSign: isDraft && canWrite, signAction: SiteURL.patient(patientID, .assessment(try record.requireID(), .sign)).path,
            canAmend: record.status == AssessmentStatus.signed.rawValue && canWrite && chain.last?.id == record.id, amendAction: SiteURL.patient(patientID, .assessment(try record.requireID(), .amend)).path,
            amendError: amendError,
            versions: chain.count < 2 ? [] : try chain.map { row in
                .init(label: "Version \(row.version) — \(AssessmentStatus(rawValue: row.status)?.title ?? row.status)",
                      href: SiteURL.patient(patientID, .assessment(try row.requireID())).path, current: row.id == record.id)
            }
        )
    }
}
