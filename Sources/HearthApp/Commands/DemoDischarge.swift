import Fluent
import Foundation
import HearthCore

/// Discharge plans on the demo hospital's stays (synthetic): Baker's plan is done, his choice recorded, and of the two
/// referrals sent in parallel the demo agency (Riverbend, this installation) accepted his while Scioto Valley declined;
/// Russo and Umarov are planned for home health and ready to plan.
enum DemoDischarge {
    static func seed(now: Date, zone: TimeZone, reference: DischargeReference, clock: RegulatoryClock, on db: any Database) async throws {
        guard try await DischargePlan.query(on: db).count() == 0,
              let stay = try await HospitalStay.query(on: db).filter(\.$familyName == "Baker").with(\.$unit).first(),
              let manager = try await User.query(on: db).filter(\.$username == DemoHospital.username).first(),
              let intake = try await User.query(on: db).filter(\.$username == "intake").first() else { return }
        let stayID = try stay.requireID()
        let today = CalendarDate(now, in: zone)
        let answers = AssessmentAnswers(["wound_or_drain": .yesNo(false), "new_medication_teaching": .yesNo(true), "iv_at_home": .yesNo(false),
                                         "mobility": .choice("device"), "therapy_goal": .yesNo(true), "equipment": .choices(["walker"]),
                                         "adl_help": .choice("some"), "caregiver": .choice("limited"),
                                         "acute_admission": .yesNo(true), "charlson": .number(3), "ed_visits": .number(2)])
        let facts = HospitalStore.facts(stay, [], [])
        let reading = reference.assessment.evaluate(answers, stay: facts, now: now, zone: zone)
        let plan = DischargePlan()
        plan.$stay.id = stayID
        plan.answersJSON = String(decoding: try JSONEncoder().encode(answers), as: UTF8.self)
        plan.instrumentVersion = reference.assessment.instrument.version
        plan.needs = reading.needs.map(\.need.rawValue).joined(separator: ",")
        (plan.laceTotal, plan.laceBand) = (reading.lace?.value, reading.lace?.bandLabel)
        (plan.addressLine, plan.city, plan.state, plan.postalCode, plan.phone, plan.sex) = ("88 Demo Avenue", "Columbus", "OH", "43215", "614-555-0188", "male")
        plan.startOfCare = (facts.expectedDischarge ?? today).adding(days: 1).description
        plan.primaryDiagnosis = "I50.9"
        plan.medications = "Furosemide 40 mg tablet: 1 tablet by mouth once a day\nMetoprolol succinate 25 mg tablet: 1 tablet by mouth once a day"
        (plan.faceToFaceDate, plan.faceToFaceBy) = (today.adding(days: -1).description, stay.attending)
        plan.homeboundOne = "Needs a walker and one person's help to leave home (attending's note)"
        plan.homeboundTwo = "Short of breath after 20 feet; leaving home is a considerable and taxing effort"
        (plan.certifyingPhysician, plan.certifyingNPI) = (stay.attending, "1234567893")
        (plan.assessedByName, plan.assessedAt) = (manager.displayName, now.addingTimeInterval(-30 * 3600))
        let list = try DischargePlanStore.choiceList(stay, plan: plan, directory: reference.directory).unwrapped()
        let choice = DischargeChoiceRecord()
        choice.$stay.id = stayID
        choice.setting = list.setting.rawValue
        choice.shownJSON = String(decoding: try JSONEncoder().encode(list.options.map(DischargePlanController.shown)), as: UTF8.self)
        (choice.chosen, choice.chooser, choice.representative) = ("riverbend-hh,scioto-valley-hh", "representative", "Carol Baker (daughter)")
        (choice.$recordedBy.id, choice.recordedByName, choice.recordedAt) = (manager.id, manager.displayName, now.addingTimeInterval(-28 * 3600))
        let sent = now.addingTimeInterval(-27 * 3600)
        let hospital = try await stay.unit.$hospital.get(on: db)
        let json = String(decoding: try JSONSerialization.data(withJSONObject: try DischargeReferralHandoff.bundle(
            stay: stay, hospital: hospital, plan: plan, needs: reading.needs.map(\.need), sender: manager.displayName), options: [.sortedKeys]), as: UTF8.self)
        let contents = try DischargeReferralHandoff.contents(Data(json.utf8), today: today).contents
        try await db.transaction { db in
            try await plan.create(on: db)
            try await choice.create(on: db)
            let inbound = InboundReferral.received(contents, json: json, digest: InboundReferral.digest(json), senderID: try manager.requireID(),
                                                   senderName: manager.displayName, now: sent)
            try await accept(inbound, contents: contents, by: intake, at: now.addingTimeInterval(-20 * 3600), clock: clock, zone: zone, on: db)
            for (provider, name, declined) in [("riverbend-hh", "Riverbend Home Health (synthetic)", false), ("scioto-valley-hh", "Scioto Valley Home Care (synthetic)", true)] {
                let row = PostAcuteReferralRecord()
                (row.$stay.id, row.$choice.id, row.providerID, row.providerName, row.setting) = (stayID, choice.id, provider, name, Disposition.homeHealth.rawValue)
                (row.sentAt, row.deadline, row.delayReason) = (sent, sent.addingTimeInterval(24 * 3600), AcceptanceDelay.reasonCode)
                (row.$sentBy.id, row.sentByName) = (manager.id, manager.displayName)
                row.status = declined ? PostAcuteReferralStatus.declined.rawValue : PostAcuteReferralStatus.sent.rawValue
                if declined { (row.answeredAt, row.declineReason) = (now.addingTimeInterval(-22 * 3600), "No aide openings in the patient's ZIP this week") }
                if !declined { row.$inboundReferral.id = inbound.id }
                try await row.create(on: db)
            }
        }
    }

    /// The agency's intake accepted the referral: a new chart, the episode opened at referral with the received time.
    private static func accept(_ inbound: InboundReferral, contents: InboundReferralContents, by intake: User, at: Date, clock: RegulatoryClock,
                               zone: TimeZone, on db: any Database) async throws {
        let draft = contents.patient.draft
        let patient = Patient(mrn: MedicalRecordNumber.random(), givenName: draft.givenName, familyName: draft.familyName, birthDate: draft.birthDate, sex: draft.sex)
        patient.$referredBy.id = intake.id
        try await patient.create(on: db)
        let received = CalendarDate(inbound.receivedAt, in: zone)
        let episode = EpisodeRecord()
        episode.id = UUID()
        episode.$patient.id = try patient.requireID()
        (episode.referralSource, episode.referralReceivedAt, episode.orderedStartOfCare) = (inbound.senderName, inbound.receivedAt, inbound.orderedStartOfCare)
        try await EpisodeStore.save(Episode(referralDate: received), into: episode, newEvents: [.referralReceived(on: received)], from: 0, by: intake.id,
                                    clock: clock, now: at, on: db)
        (inbound.status, inbound.decidedAt, inbound.$decidedBy.id) = (InboundReferral.Status.accepted.rawValue, at, intake.id)
        (inbound.$patient.id, inbound.$episode.id) = (patient.id, episode.id)
        try await inbound.create(on: db)
    }
}

private extension Optional {
    func unwrapped() throws -> Wrapped {
        guard let self else { throw StartupError(message: "demo: the discharge choice list is empty") }
        return self
    }
}
