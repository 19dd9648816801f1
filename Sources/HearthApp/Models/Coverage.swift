import Fluent
import Foundation
import HearthCore

/// A payer covering a patient: Medicare, Medicaid, a Medicare Advantage or commercial plan.
final class Coverage: Model, @unchecked Sendable {
    static let schema = "coverages"
    var properties: [any AnyProperty] {
        listed([
            $id, $patient, $payer, $program, $payerOrganization, $memberID, $plan, $order, $startDate, $endDate, $payerCaseManager, $createdAt
        ])
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "patient_id") var patient: Patient
    @Field(key: "payer") var payer: String
    /// `PayerProgram`'s raw value: medicare, medicare_advantage, medicaid, commercial, other.
    @OptionalField(key: "program") var program: String?
    @OptionalParent(key: "payer_organization_id") var payerOrganization: Organization?
    @Field(key: "member_id") var memberID: String
    @OptionalField(key: "plan") var plan: String?
    /// 1 primary, 2 secondary, 3 tertiary.
    @Field(key: "billing_order") var order: Int
    @OptionalField(key: "start_date") var startDate: String?
    @OptionalField(key: "end_date") var endDate: String?
    /// The payer's case manager for this member (a `payer` sign-in), who may read the chart and its authorizations.
    @OptionalParent(key: "payer_case_manager_id") var payerCaseManager: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    /// The recorded program, or the one the payer's name suggests for a row written without one.
    var payerProgram: PayerProgram { program.flatMap(PayerProgram.init(rawValue:)) ?? .inferred(fromPayer: payer) }
}
