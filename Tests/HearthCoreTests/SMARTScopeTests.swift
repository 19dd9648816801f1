import Testing
@testable import HearthCore

/// SMART App Launch 2.0, "Scopes for requesting FHIR resources": `<context>/<type>.<permissions>`, permissions a
/// subset of c r u d s "in that order"; v1 `read`/`write` remain understood.
@Suite struct SMARTScopeTests {
    @Test func v2LettersParseInOrderAndOnlyInOrder() throws {
        let scope = try #require(SMARTScope("system/Patient.rs"))
        #expect(scope.context == .system && scope.resourceType == "Patient" && scope.permissions == [.read, .search])
        #expect(SMARTScope("user/*.cruds")?.permissions.count == 5)
        #expect(SMARTScope("system/Patient.sr") == nil) // out of order
        #expect(SMARTScope("system/Patient.rr") == nil) // repeated
        #expect(SMARTScope("system/Patient.x") == nil)
        #expect(SMARTScope("patient/Patient.rs") == nil) // no launch context in Hearth
        #expect(SMARTScope("system/patient.rs") == nil)
        #expect(SMARTScope("openid") == nil)
    }

    @Test func v1WordsReadAsTheirV2Letters() {
        #expect(SMARTScope("system/Observation.read")?.description == "system/Observation.rs")
        #expect(SMARTScope("system/*.write")?.description == "system/*.cud")
        #expect(SMARTScope("user/*.*")?.description == "user/*.cruds")
    }

    @Test func aWildcardPermitsEveryTypeAndANamedTypeOnlyItself() {
        let scopes = SMARTScopes([SMARTScope("system/Patient.rs")!, SMARTScope("system/*.s")!])
        #expect(scopes.permits(.read, on: "Patient"))
        #expect(!scopes.permits(.read, on: "Condition"))
        #expect(scopes.permits(.search, on: "Condition"))
        #expect(!scopes.permits(.read, on: "*"))
    }

    @Test func aRequestMustStayWithinTheRegistration() throws {
        let registered = try SMARTScopes(parsing: "system/Patient.rs system/*.s")
        #expect(registered.covers(try SMARTScopes(parsing: "system/Patient.r system/Coverage.s")))
        #expect(!registered.covers(try SMARTScopes(parsing: "system/Coverage.r")))
        #expect(!registered.covers(try SMARTScopes(parsing: "user/Patient.r"))) // another context
        #expect(throws: SMARTScopeProblem.unknown("launch")) { try SMARTScopes(parsing: "system/Patient.r launch") }
        #expect(throws: SMARTScopeProblem.empty) { try SMARTScopes(parsing: "  ") }
    }

    /// FHIR R4 RESTful API §3.1.0: read and vread are instance reads, search and history-type are searches.
    @Test func eachInteractionNeedsItsLetter() {
        func need(_ method: String, _ path: String) -> FHIRScopeNeed {
            FHIRScopeNeed.of(method: method, path: path.split(separator: "/").map(String.init))
        }
        #expect(need("GET", "metadata") == .none)
        #expect(need("GET", "Patient") == .all([.init("Patient", .search)]))
        #expect(need("POST", "Patient/_search") == .all([.init("Patient", .search)]))
        #expect(need("GET", "Patient/1") == .all([.init("Patient", .read)]))
        #expect(need("GET", "Patient/1/_history/2") == .all([.init("Patient", .read)]))
        #expect(need("POST", "Condition") == .all([.init("Condition", .create)]))
        #expect(need("PUT", "Patient") == .all([.init("Patient", .create), .init("Patient", .update)]))
        #expect(need("PUT", "Patient/1") == .all([.init("Patient", .update)]))
        #expect(need("DELETE", "Patient/1") == .all([.init("Patient", .delete)]))
        #expect(need("POST", "") == .bundle)
        #expect(need("GET", "Patient/1/$everything") == .all([.init("*", .read), .init("*", .search)]))
        #expect(need("GET", "$export") == .all([.init("*", .read), .init("*", .search)]))
    }
}
