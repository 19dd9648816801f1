import Fluent
import FluentSQL
import Foundation
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    @Suite struct SystemTests {
        @Test func healthAndReadiness() async throws {
            try await withHearth { app in
                let health = try await app.testing().sendRequest(.GET, "/healthz")
                #expect(health.status == .ok)
                let ready = try await app.testing().sendRequest(.GET, "/readyz")
                #expect(ready.status == .ok)
                #expect(ready.headers.first(name: "X-Request-Id") != nil)
            }
        }

        /// An operator rolling back a release reverts migrations: every one must undo itself, and the schema come back.
        @Test func everyMigrationRevertsAndReapplies() async throws {
            try await withHearth { app in
                _ = try await makeCast(app)
                try await app.autoRevert()
                try await app.autoMigrate()
                #expect(try await CareTask.query(on: app.db).count() == 0)
            }
        }

        /// Models list their properties by hand so Fluent skips reflection; a property missing from a list would never be
        /// read or saved. Each list must match what reflection finds, in order, and the check must catch a missing one.
        @Test func everyModelListsAllItsProperties() {
            let models: [any Model.Type] = [
                Patient.self, CareTeamMember.self, PatientContact.self, AdvanceDirective.self, ExternalCareContact.self, CareTask.self,
                Coverage.self, ObligationRecord.self, Diagnosis.self, EpisodeRecord.self, EpisodeEventRecord.self, User.self,
                WebSession.self, APIToken.self, RecordChange.self, AuthorizationRecord.self, Allergy.self, HomeSafetyEvaluationRecord.self,
                HomeSafetyFindingRecord.self, CarePlanRecord.self, CarePlanVersionRecord.self, PhysicianOrderRecord.self,
                CommunicationRecord.self, ResourceDirectoryRecord.self, ResourceReferralRecord.self, ComplianceDocument.self,
                ObligationWaiver.self, MedicationRecord.self, MedicationReconciliationRecord.self, MedicationAdministrationRecord.self,
                AdherenceCheckRecord.self, SideEffectRecord.self, TeachingLog.self, StaffProfileRecord.self, CredentialRecord.self,
                CalendarFeedRecord.self, Organization.self, AuditEvent.self, AuditChainHead.self, AssessmentRecord.self, VisitRecord.self,
                InstalledInstrumentVersion.self
            ]
            let mismatched = models.filter { !listsAll($0) }.map { "\($0)" }
            #expect(mismatched.isEmpty, "listed differently from their declarations: \(mismatched)")
            let patient = Patient()
            let missingOne = Array(patient.properties.dropLast())
            let caught = !Patient.matchesReflection(missingOne, of: patient)
            #expect(caught)
        }

        /// `HTML.field` draws every property of `InputField`: a property added later must reach the page.
        @Test func formFieldsDrawEveryProperty() throws {
            let field = InputField.text("weight", "Weight", "182.5", ["weight": "Give the weight in pounds."], hint: "In pounds", wide: true, inputMode: "decimal")
            let html = HTML.field(field).string
            for part in [#"class="field wide invalid""#, #"id="weight""#, #"name="weight""#, ">Weight</label>", #"type="text""#, #"value="182.5""#,
                         #"inputmode="decimal""#, "Give the weight in pounds.", "In pounds"] {
                #expect(html.contains(part), "\(part)")
            }
            let select = HTML.field(.select("state", "State", "NY", [("NY", "New York")], [:])).string
            #expect(select.contains(#"<option value="NY" selected>New York</option>"#))
            #expect(HTML.field(.checkbox("livesWith", "Lives with the patient", checked: true)).string.contains(#"value="yes" checked"#))
            var dangerous = field
            dangerous.alert = "SpO₂ 84% is below the alert threshold of 90%."
            #expect(HTML.field(dangerous).string.contains(#"id="weight-alert">SpO₂ 84% is below"#))
            let properties = Set(Mirror(reflecting: field).children.compactMap(\.label))
            #expect(properties == ["id", "name", "label", "type", "value", "error", "hint", "options", "checked", "wide", "inputMode", "alert"])
        }

        private func listsAll<M: Model>(_ type: M.Type) -> Bool {
            let model = M()
            return M.matchesReflection(model.properties, of: model)
        }

        @Test func metricsCountRequests() async throws {
            try await withHearth { app in
                _ = try await app.testing().sendRequest(.GET, "/healthz")
                let metrics = try await app.testing().sendRequest(.GET, "/metrics")
                #expect(metrics.status == .ok)
                #expect(metrics.body.string.contains("http_requests_total"))
                #expect(metrics.body.string.contains("http_request_duration_seconds"))
            }
        }

        @Test func stylesheetIsServedLocally() async throws {
            try await withHearth { app in
                let css = try await app.testing().sendRequest(.GET, "/css/hearth.css")
                #expect(css.status == .ok)
                #expect(css.body.string.contains(":root"))
                let script = try await app.testing().sendRequest(.GET, "/js/keep.js")
                #expect(script.status == .ok && script.headers.contentType?.subType == "javascript")
                #expect(try await app.testing().sendRequest(.GET, "/css/no-such.css").status == .notFound)
            }
        }

        @Test func sqliteFileIsDurable() async throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("durable-\(UUID()).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            try await withApp(configure: { app in try await configure(app, settings: testSettings(.sqliteFile(path: path))) }) { app in
                try await app.asyncBoot()
                let sql = try #require(app.db as? any SQLDatabase)
                let mode = try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
                #expect(mode == "wal")
                let sync = try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
                #expect(sync == 2) // FULL
                let keys = try await sql.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self)
                #expect(keys == 1)
            }
        }
    }
}
