import Fluent
import Foundation
import HearthCore

/// A scheduled, completed, missed or cancelled home visit. The note (EVV times, vitals as typed, what was done,
/// the signature state) is stored as JSON; the other columns copy what the day view and supervisors' lists read.
final class VisitRecord: Model, @unchecked Sendable {
    static let schema = "visits"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $episode, $clinician, $discipline, $kind, $scheduledOn, $startTime, $minutes, $status, $noteJSON,
            $checkedInAt, $checkedOutAt, $signedAt, $missedReason, $physicianNotified, $origin, $locked, $createdAt, $updatedAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @OptionalParent(key: "episode_id") var episode: EpisodeRecord?
    @OptionalParent(key: "clinician_id") var clinician: User?
    /// A plan-of-care `Discipline` raw value: SN, PT, OT, SLP, MSW, HHA.
    @Field(key: "discipline") var discipline: String
    /// A `VisitKind` raw value.
    @Field(key: "kind") var kind: String
    @Field(key: "scheduled_on") var scheduledOn: String
    /// "09:00" in the agency's zone.
    @Field(key: "start_time") var startTime: String
    @Field(key: "minutes") var minutes: Int
    /// scheduled, completed, missed, cancelled.
    @Field(key: "status") var status: String
    @Field(key: "note_json") var noteJSON: String
    @OptionalField(key: "checked_in_at") var checkedInAt: Date?
    @OptionalField(key: "checked_out_at") var checkedOutAt: Date?
    @OptionalField(key: "signed_at") var signedAt: Date?
    /// A `MissedVisitReason` raw value.
    @OptionalField(key: "missed_reason") var missedReason: String?
    @OptionalField(key: "physician_notified") var physicianNotified: Bool?
    /// `VisitRecord.fromCarePlan` when scheduling from the care plan booked it; nil when booked or moved by hand.
    @OptionalField(key: "origin") var origin: String?
    /// Fixed by hand: planning the day keeps its clinician and time.
    @OptionalField(key: "locked") var locked: Bool?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    static let fromCarePlan = "care-plan"
}

/// What a visit note holds: the EVV times, the vitals as typed (checked again whenever they are read), the
/// interventions performed, the patient's response, teaching, and whether it is signed.
struct VisitNoteContent: Codable, Sendable {
    var times = VisitTimes()
    var state: VisitNoteState = .draft
    var vitals: [String: String] = [:]
    var temperatureUnit = "F"
    var weightUnit = "lb"
    var performed: [String] = []
    var response = ""
    var teaching = ""
    var missedExplanation = ""
    /// For an aide supervisory visit: whether the aide was there, and which aide.
    var aidePresent = false
    var supervisedAideID: String?
    /// Why a visit under `VisitNoteState.shortestVisit` was so short, given when its note was signed.
    var shortVisitReason = ""

    init() {}

    /// Reads notes saved before a field existed: a missing key keeps its default.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        times = try c.decodeIfPresent(VisitTimes.self, forKey: .times) ?? VisitTimes()
        state = try c.decodeIfPresent(VisitNoteState.self, forKey: .state) ?? .draft
        vitals = try c.decodeIfPresent([String: String].self, forKey: .vitals) ?? [:]
        temperatureUnit = try c.decodeIfPresent(String.self, forKey: .temperatureUnit) ?? "F"
        weightUnit = try c.decodeIfPresent(String.self, forKey: .weightUnit) ?? "lb"
        performed = try c.decodeIfPresent([String].self, forKey: .performed) ?? []
        response = try c.decodeIfPresent(String.self, forKey: .response) ?? ""
        teaching = try c.decodeIfPresent(String.self, forKey: .teaching) ?? ""
        missedExplanation = try c.decodeIfPresent(String.self, forKey: .missedExplanation) ?? ""
        aidePresent = try c.decodeIfPresent(Bool.self, forKey: .aidePresent) ?? false
        supervisedAideID = try c.decodeIfPresent(String.self, forKey: .supervisedAideID)
        shortVisitReason = try c.decodeIfPresent(String.self, forKey: .shortVisitReason) ?? ""
    }

    var vitalsDraft: VitalsDraft {
        let v = vitals
        return VitalsDraft(systolic: v["systolic"] ?? "", diastolic: v["diastolic"] ?? "", pulse: v["pulse"] ?? "", temperature: v["temperature"] ?? "",
                           temperatureUnit: temperatureUnit, respiration: v["respiration"] ?? "", oxygenSaturation: v["spo2"] ?? "",
                           weight: v["weight"] ?? "", weightUnit: weightUnit, pain: v["pain"] ?? "", glucose: v["glucose"] ?? "")
    }
}

extension VisitRecord {
    /// The stored status as the lifecycle's state (HearthCore's `VisitStatus`).
    var visitStatus: VisitStatus {
        get { VisitStatus(rawValue: status) ?? .scheduled }
        set { status = newValue.rawValue }
    }

    /// Booked and not yet begun: may be missed, cancelled, moved or replaced.
    var isNotYetStarted: Bool { visitStatus.isNotYetStarted(checkedIn: checkedInAt != nil) }
}
