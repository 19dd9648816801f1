import Fluent
import Foundation
import HearthCore
import Vapor

/// Assembles the chart page for a patient the caller may already read.
enum ChartBuilder {
    static func page(for patient: Patient, episodeForm: EpisodeForm = EpisodeForm(), diagnosisForm: DiagnosisForm = DiagnosisForm(), allergyForm: AllergyForm = AllergyForm(),
                     coverageForm: CoverageForm = CoverageForm(), safetyContact: SafetyContactForm? = nil,
                     req: Request) async throws -> ChartPage {
        _ = try req.currentUser // a signed-in user, or the page is refused
        let patientID = try patient.requireID()
        let today = req.agencyToday
        let address = [patient.addressLine, patient.city, [patient.state, patient.postalCode].compactMap { $0 }.joined(separator: " ")]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        let permissions = try await req.permissions(on: patient)
        let db = req.db // made once: each `req.db` builds the database handle again
        let canWrite = permissions.allows(.write)
        var summary: EpisodeSummary?
        var deadlines: [DeadlineLine] = []
        var episodeID: UUID?
        var plan: CarePlanStore.Plan?
        var payment: [PaymentPeriodStatus] = [], payers: Set<PayerProgram>?
        var careEvents: [CareEvent] = []
        var visitRows: [VisitRecord] = []
        // Diagnoses, coverages, allergies, contacts, directives, outside contacts, safety alerts, history, the people, the counts and
        // the medications in one statement; the patient's orders once, for the clock (this episode's) and the care plan card (those
        // not yet closed).
        let records = try await ChartQueries.records(of: patientID, named: [patient.$caseManager.id, patient.$physician.id].compactMap { $0 }, on: db)
        let diagnoses = records.diagnoses, coverages = records.coverages, allergies = records.allergies, counts = records.counts
        let named = records.people.filter { $0.kind == "user" }, team = records.people.filter { $0.kind == "team" }
        let staff = records.people.filter { $0.kind == "staff" }.map { (user: $0.id, discipline: $0.teamRole ?? "", name: $0.displayName) }
        // The orders with their physicians' names; the episodes with the latest one's events.
        let orders = try await ChartQueries.orders(of: patientID, on: db)
        let (episodes, events) = try await ChartQueries.episodes(of: patientID, on: db)
        // The assessments tab's rows and the latest episode's signed assessments.
        let assessments = try await ChartQueries.assessments(of: patientID, episodeID: episodes.first?.id, on: db)
        if let record = episodes.first {
            let episode = try EpisodeStore.episode(from: events)
            summary = try Self.summary(episode, record: record, patientID: patientID, today: today, zone: req.application.settings.agencyTimeZone)
            let id = try record.requireID()
            episodeID = id
            let clock = req.application.regulatoryClock
            let kept = try await EpisodeRecordsQuery.records(of: id, carePlan: true, on: db)
            let facts = try await ObligationStore.facts(for: episode, record: record, zone: clock.timeZone, comprehensive: clock.comprehensiveInstruments,
                                                        loaded: .init(events: events, coverages: coverages, orders: orders.filter { $0.$episode.id == id },
                                                                      kept: kept, assessments: assessments.signed), on: db)
            careEvents = facts.careEvents
            var obligations = req.application.regulatoryClock.obligations(for: facts, now: req.now)
            plan = try await CarePlanStore.loadForChart(episode: record, domain: episode, today: today, rows: kept.carePlan, orders: orders, on: db)
            visitRows = try await ChartQueries.visits(of: patientID, episodeID: id, since: Self.visitsSince(plan: plan, today: today), on: db)
            // The episode's visits not cancelled: aide supervision and the 30-day periods' LUPA counts.
            let visits = visitRows.filter { $0.$episode.id == id && $0.status != VisitStatus.cancelled.rawValue }
            if let supervision = req.application.aideSupervision {
                obligations += try await ObligationStore.supervisionObligations(episodeID: id, supervision: supervision, now: req.now, visits: visits, on: db)
            }
            payment = try await PaymentPeriodStore.statuses(record: record, facts: facts, zone: clock.timeZone, now: req.now, visits: visits,
                                                            episodes: episodes, entries: kept.periods, on: db)
            obligations += payment.flatMap(\.obligations)
            payers = facts.payers
            deadlines = obligations
                .filter { $0.state.kind != .notApplicable }
                .sorted(by: Obligation.moreUrgent)
                .map(DeadlineLine.init)
        } else {
            visitRows = try await ChartQueries.visits(of: patientID, episodeID: nil, since: Self.visitsSince(plan: nil, today: today), on: db)
        }
        let canAssign = permissions.allows(.assign)
        let contactRecords = PatientRecords(patientID: patientID, contactRows: records.contacts, directiveRows: records.directives, externalRows: records.outside)
        let primary = diagnoses.first { $0.rank == DiagnosisDraft.Rank.primary.rawValue }
        let canManageEpisode = permissions.allows(.manageEpisode)
        let canManageTeam = permissions.allows(.manageCareTeam)
        let canDocument = permissions.allows(.document)
        let physicianDetails = named.first { $0.id == patient.$physician.id && $0.npi != nil }
        var page = ChartPage(
            shell: PageShell(request: req, title: "\(patient.listName)"),
            name: patient.displayName, mrn: patient.mrn, birthDate: patient.birthDate,
            age: CalendarDate(patient.birthDate)?.age(on: today), sex: patient.sex, phone: patient.phone,
            address: address.isEmpty ? nil : address,
            codeStatus: patient.codeStatus.flatMap(CodeStatus.init(rawValue:))?.title,
            language: patient.language.map { $0 + (patient.interpreterNeeded == true ? " · interpreter needed" : "") },
            emergencyPriority: patient.emergencyPriority.flatMap(EmergencyPriority.init(rawValue:))?.title,
            profileHref: SiteURL.patient(patientID, .profile).path,
            contacts: try contactRecords.contacts(removeWith: nil), directives: try contactRecords.directives(removeWith: nil),
            outsideContacts: try contactRecords.externals(removeWith: nil),
            caseManager: named.first { $0.id == patient.$caseManager.id }?.displayName,
            physician: named.first { $0.id == patient.$physician.id }?.displayName,
            physicianContact: physicianDetails.map { details in
                (["NPI \(details.npi ?? "")"] + [details.phone.map { "phone \($0)" }, details.fax.map { "fax \($0)" }].compactMap { $0 }).joined(separator: " · ")
            },
            physicianHref: canManageTeam ? SiteURL.patient(patientID, .physician).path : nil,
            safetyAlerts: SafetyAlertStore.lines(records.alerts.map { alert in
                SafetyAlertStore.Alert(id: alert.id, patientID: patientID, title: alert.title, detail: alert.detail,
                                       patient: "\(patient.listName) (\(patient.mrn))", owner: alert.owner, raisedAt: alert.raisedAt)
            }, now: req.now, req: req).map { line in
                guard let safetyContact, safetyContact.taskID == line.id else { return line }
                var refused = line
                refused.note = safetyContact.note
                refused.error = safetyContact.error
                return refused
            },
            canRecordSafetyContact: canDocument,
            careTeam: team.map { member in
                TeamMember(name: member.displayName, teamRole: member.teamRole ?? "",
                           removeHref: canManageTeam ? SiteURL.patient(patientID, .removeCareTeamMember(member.id)).path : nil)
            },
            careTeamHref: canManageTeam ? SiteURL.patient(patientID, .careTeam).path : nil,
            tabs: coordinationTabs(patientID, counts: counts, findings: records.findings, teaching: records.teaching, req: req),
            history: history(records.changes, req: req),
            coverages: coverages.map { coverage in
                CoverageLine(order: CoverageDraft.Order(rawValue: coverage.order)?.title ?? "\(coverage.order)", payer: coverage.payer,
                             program: coverage.payerProgram.title,
                             memberID: coverage.memberID, plan: coverage.plan,
                             period: coverage.startDate.map { "\($0) – \(coverage.endDate ?? "")" })
            },
            coverageForm: coverageForm, coverageHref: SiteURL.patient(patientID, .coverages).path, authorizationsHref: SiteURL.patient(patientID, .authorizations).path,
            allergies: allergies.map { AllergyLine(substance: $0.substance, reaction: $0.reaction, severity: $0.severity) },
            allergySummary: Allergy.summary(allergies),
            allergyForm: allergyForm, allergyHref: SiteURL.patient(patientID, .allergies).path,
            diagnoses: diagnoses.map { DiagnosisLine(code: $0.code, title: $0.title, rank: $0.rank, onset: $0.onsetDate) },
            primaryDiagnosis: primary.map { "\($0.code) \($0.title)" },
            diagnosisForm: diagnosisForm, diagnosisHref: SiteURL.patient(patientID, .diagnoses).path,
            codeOptions: canWrite ? req.application.icd10.entries.map { .init(value: $0.code.value, label: $0.title, selected: false) } : [],
            reassignHref: canAssign ? SiteURL.patient(patientID, .caseManager).path : nil,
            episode: summary, episodeForm: episodeForm, deadlines: deadlines,
            deadlineActions: DeadlineActions(
                documentAction: episodeID.map { SiteURL.patient(patientID, .episode($0, .documents)).path },
                waiveAction: episodeID.map { SiteURL.patient(patientID, .episode($0, .waivers)).path },
                submissionAction: episodeID.map { SiteURL.patient(patientID, .episode($0, .oasisSubmissions)).path },
                canRecord: episodeID != nil && permissions.allows(.manageEpisode),
                canWaive: episodeID != nil && permissions.allows(.waive)),
            assessments: try assessmentsTab(patientID, rows: assessments.tab, canStart: canWrite, req: req),
            carePlan: carePlanCard(patientID, plan: plan, orders: orders, today: req.agencyToday, zone: req.application.settings.agencyTimeZone),
            medications: medicationCard(patientID, profile: records.medications, today: today, allergies: allergies,
                                        openReconciliations: counts.openReconciliations, req: req),
            visits: try visitCard(patient, visits: visitRows, plan: plan, clinicians: VisitStore.clinicians(for: nil, staff: staff),
                                  today: today, canWrite: canWrite).withOutcome(of: req),
            canWrite: canWrite,
            canMoveEpisode: canManageEpisode && !(summary?.moves.isEmpty ?? true),
            canOpenEpisode: canManageEpisode && (summary?.moves.isEmpty ?? true),
            openEpisodeHref: SiteURL.patient(patientID, .episodes).path
        )
        if let episodeID {
            page.paymentPeriods = PaymentPeriodsCard(statuses: payment, table: req.application.lupaThresholds, canRecord: canManageEpisode,
                                                     action: { SiteURL.patient(patientID, .episode(episodeID, .paymentPeriod($0))).path },
                                                     today: today, payers: payers)
            // Planned discharges, reductions of care, significant changes and the notices before them (issue 18).
            page.deadlineActions.careEventAction = SiteURL.patient(patientID, .episode(episodeID, .careEvents)).path
            page.deadlineActions.noticeAction = SiteURL.patient(patientID, .episode(episodeID, .notices)).path
            page.deadlineActions.noticeChoices = NoticeStore.noticeChoices(careEvents)
        }
        return page
    }

    /// The patient's assessments newest first, score trends per instrument, and the start form. `rows`: the latest 100 of the
    /// patient's assessments, newest first (`ChartQueries.assessments`).
    static func assessmentsTab(_ patientID: UUID, rows: [AssessmentRecord], canStart: Bool, req: Request) throws -> AssessmentsTab {
        let catalog = req.application.instruments
        var trends: [TrendChart] = []
        for instrument in catalog.instruments {
            let readings = rows.reversed().filter { $0.instrumentID == instrument.id && $0.status == AssessmentStatus.signed.rawValue }
                .compactMap { row in row.scoreValue.map { (day: row.assessedOn, value: $0) } }
            if !readings.isEmpty { trends.append(TrendChart(title: instrument.title, readings: readings)) }
        }
        let alerts = rows.filter { $0.status == AssessmentStatus.signed.rawValue }.prefix(10).flatMap { row in
            ((try? JSONDecoder().decode([SafetyAlert].self, from: Data((row.alerts ?? "[]").utf8))) ?? []).map { "\($0.task) (\(row.assessedOn))" }
        }
        return AssessmentsTab(
            lines: try rows.map { row in
                .init(href: SiteURL.patient(patientID, .assessment(try row.requireID())).path, day: row.assessedOn,
                      kind: AssessmentKind(rawValue: row.kind)?.title ?? row.kind, instrument: catalog[row.instrumentID]?.title ?? row.instrumentID,
                      status: row.status, statusTitle: AssessmentStatus(rawValue: row.status)?.title ?? row.status, score: row.scoreSummary, version: row.version)
            },
            trends: trends, alerts: alerts, startAction: SiteURL.patient(patientID, .assessments).path,
            visitDate: req.agencyToday.description, visitTime: AgencyTime.clock(req.now, in: req.application.settings.agencyTimeZone),
            kinds: AssessmentKind.allCases.map { FieldOption(value: $0.rawValue, label: $0.title, selected: false) },
            instruments: catalog.instruments.map { FieldOption(value: $0.id, label: $0.title, selected: false) },
            canStart: canStart
        )
    }

    /// The latest changes to the record, newest first (`ChartQueries.records`' changes).
    static func history(_ changes: [ChartQueries.Change], req: Request) -> [HistoryLine] {
        let formatter = DateFormatter()
        formatter.timeZone = req.application.settings.agencyTimeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return changes.map { change in
            let what = change.oldValue == nil ? "\(change.field): \(change.newValue ?? "")" : "\(change.field): \(change.oldValue ?? "none") → \(change.newValue ?? "none")"
            return HistoryLine(when: formatter.string(from: change.changedAt), who: change.changedBy ?? "system", what: what)
        }
    }

    static func summary(_ episode: Episode, record: EpisodeRecord, patientID: UUID, today: CalendarDate, zone: TimeZone) throws -> EpisodeSummary {
        var clock: CertificationClock?
        if let soc = episode.startOfCare, let through = episode.certifiedThrough, episode.status.isOpen {
            clock = CertificationClock(startOfCare: soc, certifiedPeriods: episode.certifiedPeriods, certifiedThrough: through, today: today)
        }
        return EpisodeSummary(
            status: episode.status.rawValue, statusTitle: episode.status.title,
            referralDate: episode.referralDate.description, startOfCare: episode.startOfCare?.description,
            period: clock.map { "Period \($0.period.number) · \($0.period.start) – \($0.period.end)" },
            daysLeft: clock?.summary,
            recertification: clock?.recertification, certifiedThrough: episode.certifiedThrough?.description,
            events: episode.events.map { .init(title: $0.kind.title, date: $0.date.description, reason: $0.reason) },
            referral: referralDetails(record, zone: zone),
            moves: episode.nextMoves.map { .init(kind: $0.rawValue, title: $0.title, needsReason: $0.needsReason) },
            actionHref: SiteURL.patient(patientID, .episode(try record.requireID(), .events)).path
        )
    }

    /// "from Riverside General Hospital · received 14:05 · physician-ordered start of care 2026-11-25".
    static func referralDetails(_ record: EpisodeRecord, zone: TimeZone) -> String? {
        var parts: [String] = []
        if let source = record.referralSource { parts.append("from \(source)") }
        if let arrived = record.referralReceivedAt { parts.append("received at \(AgencyTime.clock(arrived, in: zone))") }
        if let ordered = record.orderedStartOfCare { parts.append("physician-ordered start of care \(ordered)") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// Current medications with their sig, and counts of what needs attention (high-alert, refills, reconciliations).
    static func medicationCard(_ patientID: UUID, profile: [(highAlert: String?, medication: Medication)], today: CalendarDate, allergies: [Allergy],
                               openReconciliations open: Int, req: Request) -> MedicationCard {
        let current = profile.filter { $0.medication.isActive(on: today) }
        // A current medication that conflicts with a recorded allergy (one recorded after the drug was started, say) is
        // named in the chart header, not only on the medications tab.
        let check = MedicationSafetyCheck(catalog: req.application.medicationCatalog)
        let allergens = check.allergens(allergies.map { RecordedAllergy(substance: $0.substance, reaction: $0.reaction) })
        let conflicts = current.flatMap { check.allergyFindings(for: $0.medication.name, allergens: allergens).map(\.text) }
        let statuses = current.compactMap { $0.medication.supply?.status(on: today) }
        return MedicationCard(
            href: SiteURL.patient(patientID, .medications).path, current: current.map(\.medication.sig), highAlert: current.filter { $0.highAlert != nil }.count,
            refillsDue: statuses.filter { if case .due = $0 { true } else { false } }.count,
            refillsOverdue: statuses.filter { if case .overdue = $0 { true } else { false } }.count,
            openReconciliations: open, allergyConflicts: conflicts)
    }

    /// The current plan's version and its discipline frequencies (no plan: version 0); `orders` are all the patient's.
    static func carePlanCard(_ patientID: UUID, plan: CarePlanStore.Plan?, orders: [PhysicianOrderRecord], today: CalendarDate, zone: TimeZone) -> CarePlanCard {
        var card = CarePlanCard(href: SiteURL.patient(patientID, .carePlan).path, version: 0, goalsInForce: 0, orders: [], unsignedOrders: 0, overdueOrders: 0)
        // Unsigned orders flag the chart by the aging report's own definition (`UnsignedOrderAging.isOverdue`).
        let closed = Set(OrderState.closed.map(\.rawValue))
        let unsigned = orders.filter { !closed.contains($0.status) }
        card.unsignedOrders = unsigned.count
        card.overdueOrders = unsigned.filter { UnsignedOrderAging.isOverdue(daysSinceSent: $0.sentAt.map { CalendarDate($0, in: zone).days(until: today) }) }.count
        guard let plan, let version = plan.current else { return card }
        let content = plan.inForce // the chart shows what is signed and in force
        card.version = version.version
        card.standing = standingLine(plan.standing)
        card.goalsInForce = content.goals.filter(\.status.isInForce).count
        card.orders = content.interventions.map { "\($0.orderText) — \($0.action)" }
        return card
    }
}

extension ChartBuilder {
    /// The coordination tabs with a line each: open hazards, teaching to reinforce, open referrals, the latest communication.
    /// `findings` and `teaching` come with the chart's other lists (`ChartQueries.records`).
    static func coordinationTabs(_ patientID: UUID, counts: ChartQueries.Counts, findings: [HomeSafetyFinding], teaching: [TeachingLog],
                                 req: Request) -> [ChartPage.Tab] {
        let today = req.agencyToday
        return ChartPage.tabs.map { tab in
            var tab = tab
            switch tab.id {
            case "safety":
                tab.href = SiteURL.patient(patientID, .homeSafety).path
                if !findings.isEmpty { tab.summary = HomeSafetySummary(findings: findings, on: today).headline }
            case "education":
                tab.href = SiteURL.patient(patientID, .teaching).path
                if !teaching.isEmpty { tab.summary = TeachingStore.progress(teaching, library: req.application.teachingTopics).headline }
            case "resources":
                tab.href = SiteURL.patient(patientID, .referrals).path
                if counts.referrals > 0 { tab.summary = "\(counts.referrals) referral\(counts.referrals == 1 ? "" : "s"), \(counts.openReferrals) still open." }
            case "communications":
                tab.href = SiteURL.patient(patientID, .communications).path
                if let subject = counts.latestSubject, let at = counts.latestAt {
                    tab.summary = "Latest: \(subject) (\(CalendarDate(at, in: req.application.settings.agencyTimeZone)))."
                }
            default: break
            }
            return tab
        }
    }
}
