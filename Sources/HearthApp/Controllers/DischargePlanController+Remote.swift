import Fluent
import Foundation
import HearthCore
import Vapor

/// A referral to a Hearth agency on another installation that did not reach it, sent again (the same Bundle: an agency
/// that did take it the first time answers with the Task it already made); or its withdrawal, sent again.
extension DischargePlanController {
    /// `POST …/discharge-plan/referrals/:referralID/retry`.
    func retry(req: Request) async throws -> Response {
        let stay = try await HospitalStore.authorize(.write, stayID: req.parameters.get("stayID", as: UUID.self), on: req)
        let stayID = try stay.row.requireID()
        guard let id = req.parameters.get("referralID", as: UUID.self),
              let row = try await PostAcuteReferralRecord.query(on: req.db).filter(\.$id == id).filter(\.$stay.$id == stayID).first() else {
            throw AppError.notFound()
        }
        if row.isWithdrawalUndelivered {
            try await RemoteReferralDelivery.deliverWithdrawal(row, patientID: stay.row.$patient.id, app: req.application, actor: try .of(req), now: req.now)
            return req.redirect(to: SiteURL.hospitalStay(stayID).path(anchor: "referrals-heading"))
        }
        guard row.isUndelivered, row.status == PostAcuteReferralStatus.sent.rawValue else {
            return try await refuse(stay, req, .init(form: "send", problems: ["send": "\(row.providerName) has this referral already, or it was withdrawn: nothing to send again."]))
        }
        try await RemoteReferralDelivery.deliver(row, patientID: stay.row.$patient.id, app: req.application, actor: try .of(req), now: req.now)
        return req.redirect(to: SiteURL.hospitalStay(stayID).path(anchor: "referrals-heading"))
    }
}
