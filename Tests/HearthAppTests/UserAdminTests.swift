import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// Ending and granting access [45 CFR 164.308(a)(3)(ii)(C) termination procedures, 164.308(a)(4) access
    /// management]; passwords per NIST SP 800-63B §5.1.1.2; every change audited [164.312(b)].
    @Suite struct UserAdminTests {
        func userID(_ app: Application, _ username: String) async throws -> UUID {
            try #require(try await User.query(on: app.db).filter(\.$username == username).first()).requireID()
        }

        @Test func adminCreatesAUserWhoChoosesTheirOwnPasswordAtFirstSignIn() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let admin = Browser(app)
                try await admin.login("admin")
                #expect(try await admin.get(SiteURL.admin(.users).path).status == .ok)
                // act
                let created = try await admin.post(SiteURL.admin(.users).path, form: [
                    "username": "NewNurse", "displayName": "Nia Newton", "role": "clinician", "password": "temporary-river-stone",
                ])
                // check
                #expect(created.status == .seeOther)
                let list = try await admin.get(SiteURL.admin(.users).path + "?done=created")
                #expect(list.body.string.contains("Nia Newton"))
                #expect(list.body.string.contains("Must change password"))
                let nurse = Browser(app)
                try await nurse.login("newnurse", password: "temporary-river-stone")
                let home = try await nurse.get("/")
                #expect(home.status == .seeOther)
                #expect(home.headers.first(name: .location) == SiteURL.account(.password).path)
                let form = try await nurse.get(SiteURL.account(.password).path)
                #expect(form.body.string.contains("Choose your own to continue"))
                // A POST elsewhere is refused until the password is changed.
                #expect(try await nurse.post("/tasks", form: ["title": "x"]).status == .forbidden)
                let changed = try await nurse.post(SiteURL.account(.password).path, form: [
                    "currentPassword": "temporary-river-stone", "newPassword": "my-own-quiet-harbor", "repeatPassword": "my-own-quiet-harbor",
                ])
                #expect(changed.status == .seeOther)
                #expect(try await nurse.get("/").status == .ok)
                let trail = try await auditTrail(app)
                let create = try #require(trail.first { $0.action == "user.create" })
                #expect(create.actorName == "admin")
                #expect(create.detail?.contains("newnurse as clinician") == true)
                #expect(trail.contains { $0.action == "password.change" && $0.actorName == "newnurse" && $0.outcome == "success" })
            }
        }

        @Test func aWeakPasswordIsRefusedByTheFieldAndTheTypingKept() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let admin = Browser(app)
                try await admin.login("admin")
                // NIST SP 800-63B §5.1.1.2: a password on the common-password list is refused.
                let refused = try await admin.post(SiteURL.admin(.users).path, form: [
                    "username": "weakling", "displayName": "Wendy Weak", "role": "aide", "password": "Password1234",
                ])
                #expect(refused.status == .unprocessableEntity)
                let body = refused.body.string
                #expect(body.contains("list of commonly used passwords"))
                #expect(body.contains(#"value="weakling""#))
                #expect(body.contains(#"value="Wendy Weak""#))
                #expect(!body.contains("Password1234"))
                #expect(try await User.query(on: app.db).filter(\.$username == "weakling").count() == 0)
                let taken = try await admin.post(SiteURL.admin(.users).path, form: ["username": "clinician", "role": "aide", "password": "a-fine-long-phrase"])
                #expect(taken.status == .unprocessableEntity)
                #expect(taken.body.string.contains("already exists"))
            }
        }

        @Test func disablingAUserEndsTheirSessionAndTokensAtOnce() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let nurse = Browser(app)
                try await nurse.login("clinician")
                #expect(try await nurse.get("/").status == .ok)
                let secret = "hth_" + Secret.make()
                try await APIToken(tokenHash: Secret.hash(secret), userID: cast.user(.clinician).requireID(), name: "tablet", now: Date()).create(on: app.db)
                var bearer = HTTPHeaders()
                bearer.bearerAuthorization = .init(token: secret)
                #expect(try await app.testing().sendRequest(.GET, "/fhir/Patient", headers: bearer).status == .ok)
                let admin = Browser(app)
                try await admin.login("admin")
                try await admin.get(SiteURL.admin(.users).path)
                // act
                let disabled = try await admin.post(SiteURL.admin(.user(cast.user(.clinician).requireID(), .disable)).path, form: [:])
                // check: the next request of either kind is signed out
                #expect(disabled.status == .seeOther)
                let next = try await nurse.get("/")
                #expect(next.status == .seeOther)
                #expect(next.headers.first(name: .location)?.hasPrefix(SiteURL.login.path) == true)
                let api = try await app.testing().sendRequest(.GET, "/fhir/Patient", headers: bearer)
                #expect(api.status == .unauthorized)
                #expect(api.body.string.contains("OperationOutcome"))
                #expect(try await WebSession.query(on: app.db).filter(\.$user.$id == cast.user(.clinician).requireID()).count() == 0)
                #expect(try await Browser(app).login("clinician").status == .unauthorized)
                let record = try #require(try await auditTrail(app).first { $0.action == "user.disable" })
                #expect(record.actorName == "admin")
                #expect(record.detail?.contains("disabled clinician; ended 1 session(s) and 1 token(s)") == true)
                // Re-enabled, they sign in again; the revoked token stays revoked.
                try await admin.post(SiteURL.admin(.user(cast.user(.clinician).requireID(), .enable)).path, form: [:])
                #expect(try await Browser(app).login("clinician").status == .seeOther)
                #expect(try await app.testing().sendRequest(.GET, "/fhir/Patient", headers: bearer).status == .unauthorized)
            }
        }

        @Test func adminResetsAPasswordUnlocksAndChangesARole() async throws {
            try await withHearth(adjust: AllTests.ThrottleTests.minuteWaits) { app in
                let cast = try await makeCast(app)
                let aide = cast.user(.aide)
                for _ in 0..<5 { try await Browser(app).login("aide", password: "wrong-password-here") }
                #expect(try await Browser(app).login("aide").status == .tooManyRequests) // waiting
                // Many more guesses later the wait is long; the administrator ends it.
                let guessed = try #require(try await User.find(aide.requireID(), on: app.db))
                guessed.lockedUntil = Date().addingTimeInterval(10 * 60)
                try await guessed.save(on: app.db)
                let admin = Browser(app)
                try await admin.login("admin")
                #expect(try await admin.get(SiteURL.admin(.users).path).body.string.contains("Locked"))
                #expect(try await admin.post(SiteURL.admin(.user(aide.requireID(), .unlock)).path, form: [:]).status == .seeOther)
                #expect(try await Browser(app).login("aide").status == .seeOther)
                try await admin.post(SiteURL.admin(.user(aide.requireID(), .role)).path, form: ["role": "clinician"])
                #expect(try await User.find(aide.requireID(), on: app.db)?.role == "clinician")
                try await admin.post(SiteURL.admin(.user(aide.requireID(), .resetPassword)).path, form: ["password": "harbor-lantern-nine"])
                let reset = try #require(try await User.find(aide.requireID(), on: app.db))
                #expect(reset.mustChangePassword)
                let signedIn = Browser(app)
                try await signedIn.login("aide", password: "harbor-lantern-nine")
                #expect(try await signedIn.get("/").headers.first(name: .location) == SiteURL.account(.password).path)
                let actions = try await auditTrail(app).filter { $0.actorName == "admin" }.map(\.action)
                #expect(actions.contains("user.unlock"))
                #expect(actions.contains("user.role"))
                #expect(actions.contains("user.reset-password"))
                let trailPage = try await admin.get(SiteURL.admin(.audit).path + "?action=user.").body.string
                #expect(trailPage.contains("user.reset-password"))
                #expect(trailPage.contains("User aide")) // the user acted on by name, not by id
                #expect(!trailPage.contains(try aide.requireID().uuidString))
            }
        }

        @Test func onlyAnAdministratorManagesUsersAndTheLastOneStays() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let supervisor = Browser(app)
                try await supervisor.login("supervisor")
                #expect(try await supervisor.get(SiteURL.admin(.users).path).status == .forbidden)
                let refused = try await supervisor.post(SiteURL.admin(.user(cast.user(.aide).requireID(), .disable)).path, form: [:])
                #expect(refused.status == .forbidden)
                #expect(try await User.find(cast.user(.aide).requireID(), on: app.db)?.isActive == true)
                let admin = Browser(app)
                try await admin.login("admin")
                let me = try await admin.post(SiteURL.admin(.user(cast.user(.admin).requireID(), .role)).path, form: ["role": "clinician"])
                #expect(me.status == .unprocessableEntity)
                #expect(me.body.string.contains("only active administrator"))
            }
        }

        @Test func everyoneChangesTheirOwnPasswordGivingTheCurrentOne() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                let nurse = Browser(app)
                try await nurse.login("clinician")
                try await nurse.get(SiteURL.account(.password).path)
                let wrong = try await nurse.post(SiteURL.account(.password).path, form: [
                    "currentPassword": "not-my-password", "newPassword": "a-brand-new-phrase", "repeatPassword": "a-brand-new-phrase",
                ])
                #expect(wrong.status == .unprocessableEntity)
                #expect(wrong.body.string.contains("not your current password"))
                let short = try await nurse.post(SiteURL.account(.password).path, form: [
                    "currentPassword": Cast.password, "newPassword": "short", "repeatPassword": "short",
                ])
                #expect(short.body.string.contains("at least \(PasswordRules.minimumLength) characters"))
                let other = Browser(app)
                try await other.login("clinician")
                let done = try await nurse.post(SiteURL.account(.password).path, form: [
                    "currentPassword": Cast.password, "newPassword": "a-brand-new-phrase", "repeatPassword": "a-brand-new-phrase",
                ])
                #expect(done.status == .seeOther)
                #expect(try await nurse.get("/").status == .ok)
                #expect(try await other.get("/").status == .seeOther) // the other session ended
                #expect(try await Browser(app).login("clinician", password: "a-brand-new-phrase").status == .seeOther)
            }
        }

        @Test func expiredAndRevokedTokensGet401WithAnOperationOutcome() async throws {
            try await withHearth { app in
                let cast = try await makeCast(app)
                let expired = "hth_" + Secret.make(), revoked = "hth_" + Secret.make()
                let old = APIToken(tokenHash: Secret.hash(expired), userID: try cast.user(.clinician).requireID(), name: "old", now: Date().addingTimeInterval(-100 * 86_400))
                try await old.create(on: app.db)
                let lab = APIToken(tokenHash: Secret.hash(revoked), userID: try cast.user(.clinician).requireID(), name: "lab", now: Date())
                try await lab.create(on: app.db)
                #expect(old.expiresAt.map { $0 < Date() } == true) // 90 days by default
                let admin = Browser(app)
                try await admin.login("admin")
                let list = try await admin.get(SiteURL.admin(.tokens).path)
                #expect(list.body.string.contains("expired"))
                try await admin.post(SiteURL.admin(.token(lab.requireID(), .revoke)).path, form: [:])
                for secret in [expired, revoked] {
                    var headers = HTTPHeaders()
                    headers.bearerAuthorization = .init(token: secret)
                    let response = try await app.testing().sendRequest(.GET, "/fhir/Patient", headers: headers)
                    #expect(response.status == .unauthorized)
                    #expect(response.body.string.contains(#""resourceType":"OperationOutcome""#))
                }
                let trail = try await auditTrail(app)
                #expect(trail.contains { $0.action == "token.revoke" && $0.actorName == "admin" })
                #expect(trail.contains { $0.action == "token.rejected" && $0.detail == "token expired: old" })
                #expect(trail.contains { $0.action == "token.rejected" && $0.detail == "token revoked: lab" })
            }
        }
    }
}
