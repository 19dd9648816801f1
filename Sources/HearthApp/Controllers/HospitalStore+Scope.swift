import Fluent
import Foundation
import HearthCore
import Vapor

extension HospitalStore {
    /// Where a user's reach into hospital stays comes from, read once: the units assigned to her, and the hospitals she
    /// reviews (a UR nurse) or sits on the UR committee of (a physician advisor). `AccessPolicy.decideStay` decides with
    /// it; the stay page's door, the stays a search may return and the UR queue's units all start here.
    struct StayScope: Sendable {
        var role: Role
        var assignedUnits: Set<UUID>
        var hospitals: Set<UUID>

        static func of(_ user: CurrentUser, on db: any Database) async throws -> StayScope {
            let assigned = Set(try await HospitalUnitAssignment.query(on: db).filter(\.$user.$id == user.id).all(\.$unit.$id))
            let hospitals: Set<UUID> = switch user.role {
            case .utilizationReviewNurse: Set(try await HospitalReviewer.query(on: db).filter(\.$user.$id == user.id).all(\.$hospital.$id))
            case .physicianAdvisor: Set(try await URCommitteeMemberRecord.query(on: db).filter(\.$user.$id == user.id).all(\.$hospital.$id))
            default: []
            }
            return StayScope(role: user.role, assignedUnits: assigned, hospitals: hospitals)
        }

        /// The policy's answer for a stay (its unit loaded).
        func decide(_ stay: HospitalStay, _ action: StayAction) -> AccessDecision {
            AccessPolicy.decideStay(role: role, onAssignedUnit: assignedUnits.contains(stay.$unit.id), inOwnHospital: hospitals.contains(stay.unit.$hospital.id),
                                    action: action)
        }

        /// The units whose stays may be readable: the assigned ones and every unit of the scope's hospitals.
        func unitIDs(on db: any Database) async throws -> Set<UUID> {
            guard !hospitals.isEmpty else { return assignedUnits }
            return assignedUnits.union(try await HospitalUnit.query(on: db).filter(\.$hospital.$id ~~ Array(hospitals)).all(\.$id))
        }

        /// These units by code, with their hospitals.
        static func units(_ ids: Set<UUID>, on db: any Database) async throws -> [HospitalUnit] {
            guard !ids.isEmpty else { return [] }
            return try await HospitalUnit.query(on: db).filter(\.$id ~~ Array(ids)).with(\.$hospital).sort(\.$code).all()
        }
    }
}
