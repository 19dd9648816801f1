import Fluent
import Foundation

/// In-service training an aide took (`InServiceTraining` in HearthCore) [42 CFR 484.80(d)].
final class InServiceTrainingRecord: Model, @unchecked Sendable {
    static let schema = "aide_in_service_trainings"
    var properties: [any AnyProperty] { listed([$id, $user, $takenOn, $minutes, $topic, $recordedBy, $recordedAt]) }

    @ID(key: .id) var id: UUID?
    /// The aide.
    @Parent(key: "user_id") var user: User
    @Field(key: "taken_on") var takenOn: String
    @Field(key: "minutes") var minutes: Int
    @Field(key: "topic") var topic: String
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "recorded_at", on: .create) var recordedAt: Date?

    init() {}
}
