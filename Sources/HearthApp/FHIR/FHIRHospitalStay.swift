import Foundation
import HearthCore
import Vapor

/// FHIR R4 for a hospital stay, read-only: the stay as an Encounter (`stay-<id>`), its payer communications log as
/// Communications (`payer-<id>`) and its signed or refused notices as DocumentReferences (`notice-<id>`). The prefixes
/// keep these ids apart from the home-health visits', which are the visits' own ids.
enum FHIRStay {
    typealias Coding = FHIRCoord.Coding
    typealias Concept = FHIRCoord.Concept
    typealias Period = FHIRCoord.Period
    struct Identifier: Codable { var system: String; var value: String }
    /// A reference, or only a display (a person Hearth knows by name) or an identifier (a patient the hospital registered).
    struct Reference: Codable { var reference: String?; var identifier: Identifier?; var display: String? }

    static let actCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode"

    static func encounterID(_ stayID: UUID) -> String { "stay-" + stayID.uuidString.lowercased() }
    static func communicationID(_ rowID: UUID) -> String { "payer-" + rowID.uuidString.lowercased() }
    static func documentID(_ rowID: UUID) -> String { "notice-" + rowID.uuidString.lowercased() }

    /// The row id in a prefixed id (`stay-<uuid>` → the uuid), or nil when the id is not of that kind.
    static func rowID(_ id: String?, prefix: String) -> UUID? {
        guard let id, id.hasPrefix(prefix + "-") else { return nil }
        return UUID(uuidString: String(id.dropFirst(prefix.count + 1)))
    }

    /// The stay's class per status: inpatient IMP, observation OBSENC, outpatient in a bed AMB (v3 ActCode).
    static func encounterClass(_ status: StayStatus) -> Coding {
        switch status {
        case .inpatient: Coding(system: actCode, code: "IMP", display: "inpatient encounter")
        case .observation: Coding(system: actCode, code: "OBSENC", display: "observation encounter")
        case .outpatientInBed: Coding(system: actCode, code: "AMB", display: "ambulatory")
        }
    }

    /// The patient: the agency's chart once the patient is referred, else the hospital's registration (its MRN).
    static func subject(_ stay: HospitalStay) -> Reference {
        if let patientID = stay.$patient.id {
            return Reference(reference: "Patient/\(patientID.uuidString.lowercased())", display: stay.listName)
        }
        return Reference(identifier: Identifier(system: DischargeReferralHandoff.mrnSystem(hospitalID: stay.unit.$hospital.id), value: stay.hospitalMRN),
                         display: stay.listName)
    }

    static func encounter(_ stay: HospitalStay) throws -> Reference { Reference(reference: "Encounter/" + encounterID(try stay.requireID())) }

    /// `Disposition` as http://terminology.hl7.org/CodeSystem/discharge-disposition, with Hearth's words as the text.
    static func dischargeDisposition(_ disposition: Disposition) -> Concept {
        let code = switch disposition {
        case .home: "home"
        case .homeHealth, .hospice: "oth"
        case .skilledNursing: "snf"
        case .inpatientRehab: "rehab"
        case .longTermCare: "long"
        case .transfer: "other-hcf"
        case .leftAgainstAdvice: "aadvice"
        case .expired: "exp"
        }
        return Concept(coding: [Coding(system: "http://terminology.hl7.org/CodeSystem/discharge-disposition", code: code, display: nil)], text: disposition.title)
    }
}

/// A hospital stay as an Encounter: class and class history from the status timeline, the period from arrival to
/// discharge, the attending, the working diagnosis, the discharge disposition, and the hospital as service provider.
struct FHIRStayEncounter: Content {
    struct ClassHistory: Codable { var `class`: FHIRStay.Coding; var period: FHIRStay.Period }
    struct Participant: Codable { var type: [FHIRStay.Concept]; var individual: FHIRStay.Reference }
    struct Diagnosis: Codable { var condition: FHIRStay.Reference; var use: FHIRStay.Concept }
    struct Hospitalization: Codable { var dischargeDisposition: FHIRStay.Concept }
    struct Location: Codable { var location: FHIRStay.Reference }

    var resourceType = "Encounter"
    var id: String
    var status: String
    var `class`: FHIRStay.Coding
    var classHistory: [ClassHistory]?
    var subject: FHIRStay.Reference
    var participant: [Participant]?
    var period: FHIRStay.Period
    var diagnosis: [Diagnosis]?
    var hospitalization: Hospitalization?
    var location: [Location]
    var serviceProvider: FHIRStay.Reference

    init(_ stay: HospitalStore.LoadedStay, hospitalName: String?) throws {
        let row = stay.row
        id = FHIRStay.encounterID(try row.requireID())
        status = row.dischargedAt == nil ? "in-progress" : "finished"
        let history = stay.facts.statusHistory
        `class` = FHIRStay.encounterClass(history.last?.status ?? StayStatus(rawValue: row.status) ?? .observation)
        // Each status the stay was in, until the next began (or the discharge).
        let periods = history.enumerated().map { index, period in
            ClassHistory(class: FHIRStay.encounterClass(period.status),
                         period: FHIRStay.Period(start: period.starts.fhirInstant,
                                                 end: (index + 1 < history.count ? history[index + 1].starts : row.dischargedAt)?.fhirInstant))
        }
        classHistory = periods.isEmpty ? nil : periods
        subject = FHIRStay.subject(row)
        participant = row.attending.map { attending in
            [Participant(type: [FHIRStay.Concept(coding: [FHIRStay.Coding(system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: "ATND",
                                                                          display: "attender")], text: "Attending")],
                         individual: FHIRStay.Reference(display: attending))]
        }
        period = FHIRStay.Period(start: row.arrivedAt.fhirInstant, end: row.dischargedAt?.fhirInstant)
        diagnosis = row.workingDiagnosis.map { text in
            [Diagnosis(condition: FHIRStay.Reference(display: text),
                       use: FHIRStay.Concept(coding: [FHIRStay.Coding(system: "http://terminology.hl7.org/CodeSystem/diagnosis-role", code: "AD",
                                                                      display: "Admission diagnosis")], text: "Working diagnosis"))]
        }
        hospitalization = row.disposition.flatMap(Disposition.init).map { Hospitalization(dischargeDisposition: FHIRStay.dischargeDisposition($0)) }
        location = [Location(location: FHIRStay.Reference(display: [row.unit.name, row.bed.map { "bed \($0)" }].compactMap { $0 }.joined(separator: ", ")))]
        serviceProvider = FHIRStay.Reference(reference: "Organization/\(row.unit.$hospital.id.uuidString.lowercased())", display: hospitalName)
    }
}

/// One entry of a stay's payer communications log as a Communication: when, how, with whom, and what was agreed.
struct FHIRPayerCommunication: Content {
    struct Payload: Codable { var contentString: String }

    var resourceType = "Communication"
    var id: String
    var status = "completed"
    var category: [FHIRStay.Concept]
    var medium: [FHIRStay.Concept]
    var subject: FHIRStay.Reference
    var encounter: FHIRStay.Reference
    var sent: String
    var recipient: [FHIRStay.Reference]
    var sender: FHIRStay.Reference
    var payload: [Payload]

    init(_ row: PayerCommunication, stay: HospitalStay) throws {
        id = FHIRStay.communicationID(try row.requireID())
        category = [FHIRStay.Concept(coding: nil, text: "Utilization review: payer communication")]
        let method = PayerContactMethod(rawValue: row.method)
        let (code, display) = switch method {
        case .portal: ("ONLINEWRIT", "online written")
        case .fax: ("FAXWRIT", "telefax")
        case .phone: ("PHONE", "telephone")
        case .email: ("EMAILWRIT", "email")
        case nil: ("WRITTEN", "written")
        }
        medium = [FHIRStay.Concept(coding: [FHIRStay.Coding(system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode", code: code, display: display)],
                                   text: method?.title ?? row.method)]
        subject = FHIRStay.subject(stay)
        encounter = try FHIRStay.encounter(stay)
        sent = row.communicatedAt.fhirInstant
        recipient = [FHIRStay.Reference(display: [row.contact, stay.payer.map { "(\($0))" }].compactMap { $0 }.joined(separator: " "))]
        sender = FHIRStay.Reference(display: row.recordedByName)
        var lines: [String] = row.clinicalsSent ? ["Clinicals sent."] : []
        let through = row.approvedThrough.map { (day: String) in " through \(day)" } ?? ""
        if let days = row.daysApproved {
            lines.append("\(days) day\(days == 1 ? "" : "s") approved\(through).")
        } else if !through.isEmpty {
            lines.append("Approved\(through).")
        }
        if let next = row.nextReview { lines.append("Next review \(next).") }
        if let reference = row.reference { lines.append("Reference \(reference).") }
        if let note = row.note { lines.append(note) }
        let text = lines.joined(separator: " ")
        payload = [Payload(contentString: text.isEmpty ? "Payer contacted." : text)]
    }
}

/// A notice delivered on a stay (IM, its follow-up copy, MOON, condition code 44, UR determination) as a
/// DocumentReference: its type, when and by whom it was delivered, and the response (signed or refused, and by whom).
struct FHIRNoticeDocument: Content {
    struct Attachment: Codable { var contentType = "text/plain"; var data: String; var title: String; var creation: String }
    struct Item: Codable { var attachment: Attachment }
    struct Context: Codable { var encounter: [FHIRStay.Reference]; var period: FHIRStay.Period }

    var resourceType = "DocumentReference"
    var id: String
    var status = "current"
    var docStatus = "final"
    var type: FHIRStay.Concept
    var category: [FHIRStay.Concept]
    var subject: FHIRStay.Reference
    var date: String
    var author: [FHIRStay.Reference]
    var description: String
    var content: [Item]
    var context: Context

    init(_ row: HospitalNotice, stay: HospitalStay) throws {
        id = FHIRStay.documentID(try row.requireID())
        let kind = StayNoticeKind(rawValue: row.kind)
        let title = kind?.title ?? row.kind
        type = FHIRStay.Concept(coding: nil, text: title)
        category = [FHIRStay.Concept(coding: nil, text: "Hospital beneficiary notice")]
        subject = FHIRStay.subject(stay)
        date = row.deliveredAt.fhirInstant
        author = [FHIRStay.Reference(display: row.deliveredByName)]
        let outcome = StayNotice.Outcome(rawValue: row.outcome)
        let response = outcome == .refused ? "\(row.recipient) refused to sign" : "Signed by \(row.recipient)"
        let said = response + (row.note.map { "; \($0)" } ?? "")
        description = said
        let text = "\(title), delivered \(row.deliveredAt.fhirInstant) by \(row.deliveredByName). \(said)."
        content = [Item(attachment: Attachment(data: Data(text.utf8).base64EncodedString(), title: title, creation: row.deliveredAt.fhirInstant))]
        context = Context(encounter: [try FHIRStay.encounter(stay)], period: FHIRStay.Period(start: row.deliveredAt.fhirInstant, end: nil))
    }
}
