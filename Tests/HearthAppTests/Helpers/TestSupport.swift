import Fluent
import FluentSQL
import Foundation
import HearthCore
import NIOCore
import Testing
import VaporTesting
@testable import HearthApp

/// The database the suite runs on: SQLite in memory, or PostgreSQL when `TEST_DATABASE_URL` is a postgres:// URL.
/// On PostgreSQL each test gets a schema of its own, so tests run in parallel without seeing each other.
enum TestDatabase {
    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], url.hasPrefix("postgres") else { return nil }
        return url
    }

    static func location() -> DatabaseLocation {
        guard let url = postgresURL else { return .sqliteMemory }
        return .postgres(url: url, schema: "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))
    }
}

func testSettings(_ location: DatabaseLocation = TestDatabase.location()) -> Settings {
    var settings = Settings(
        database: location, session: SessionPolicy(), lockout: .standard, forceSecureCookies: false,
        agencyTimeZone: TimeZone(identifier: "America/New_York")!, auditSealInterval: nil, auditReadFlushInterval: nil
    )
    // Swift Testing runs many tests at once, each with its own app: two connections per event loop keep the whole
    // suite within PostgreSQL's connection limit.
    settings.connectionsPerEventLoop = 2
    return settings
}

/// Runs a test against a freshly migrated database that no other test sees.
func withHearth(adjust: (inout Settings) -> Void = { _ in }, _ test: (Application) async throws -> Void) async throws {
    var settings = testSettings()
    adjust(&settings)
    try await withApp(configure: { app in
        app.passwords.use(.plaintext) // bcrypt's cost is for production; tests check the flow, not the hash
        try await configure(app, settings: settings)
        app.passwords.use(.plaintext)
        if case .postgres(_, let schema?) = settings.database, let sql = app.db as? any SQLDatabase {
            try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
        }
        try await app.autoMigrate()
    }) { app in
        do {
            try await test(app)
        } catch {
            try await dropSchema(app, settings)
            throw error
        }
        try await dropSchema(app, settings)
    }
}

private func dropSchema(_ app: Application, _ settings: Settings) async throws {
    if case .postgres(_, let schema?) = settings.database, let sql = app.db as? any SQLDatabase {
        try await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
    }
}

/// A demo-like cast: one user per role and patients with known relationships.
struct Cast {
    var users: [Role: User] = [:]
    /// Case manager's own patient; the clinician and aide are on its care team; the physician is its physician.
    var ownPatient: Patient
    /// Another case manager's patient with no one from the cast on it.
    var otherPatient: Patient
    var otherCaseManager: User

    static let password = "correct-horse-battery"

    func user(_ role: Role) -> User { users[role]! }
}

@discardableResult
func makeUser(_ username: String, role: Role, on app: Application, password: String = Cast.password) async throws -> User {
    let user = User(username: username, displayName: username.capitalized, role: role.rawValue, passwordHash: try app.password.hash(password))
    try await user.create(on: app.db)
    return user
}

func makeCast(_ app: Application) async throws -> Cast {
    var users: [Role: User] = [:]
    for role in Role.allCases {
        users[role] = try await makeUser(role.rawValue.replacingOccurrences(of: "_", with: ""), role: role, on: app)
    }
    let other = try await makeUser("othercm", role: .caseManager, on: app)
    let own = Patient(mrn: MedicalRecordNumber.make(1), givenName: "Dorothy", familyName: "Abernathy", birthDate: "1941-03-09", sex: "female")
    own.$caseManager.id = users[.caseManager]!.id
    own.$physician.id = users[.physician]!.id
    own.$referredBy.id = users[.intake]!.id
    try await own.create(on: app.db)
    for role in [Role.clinician, .aide] {
        try await CareTeamMember(patientID: own.requireID(), userID: users[role]!.requireID(), teamRole: role.title).create(on: app.db)
    }
    let stranger = Patient(mrn: MedicalRecordNumber.make(2), givenName: "Harold", familyName: "Baptiste", birthDate: "1938-11-30", sex: "male")
    stranger.$caseManager.id = other.id
    try await stranger.create(on: app.db)
    return Cast(users: users, ownPatient: own, otherPatient: stranger, otherCaseManager: other)
}

/// A browser of sorts: keeps cookies and the page's form token, like a person's browser would.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var csrfToken: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form, adding the token the last page carried unless `csrf` says otherwise.
    @discardableResult
    func post(_ path: String, form: [String: String], csrf: String?? = nil) async throws -> TestingHTTPResponse {
        var fields = form
        if let token = csrf ?? csrfToken { fields["_csrf"] = token }
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Signs in through the log-in page and returns the page it lands on.
    @discardableResult
    func login(_ username: String, password: String = Cast.password) async throws -> TestingHTTPResponse {
        try await get("/login")
        let response = try await post("/login", form: ["username": username, "password": password])
        if response.status == .seeOther { try await get(response.headers.first(name: .location) ?? "/") }
        return response
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws -> TestingHTTPResponse {
        var headers = headers
        if headers.first(name: .accept) == nil { headers.replaceOrAdd(name: .accept, value: "text/html") }
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[1].isEmpty || header.contains("1970") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
        if let match = response.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/) {
            csrfToken = String(match.1)
        }
        return response
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

/// Every audit record, sealed or not, in the order they were written.
func auditTrail(_ app: Application) async throws -> [AuditEvent] {
    try await AuditEvent.query(on: app.db).sort(\.$occurredAtMillis).sort(\.$id).all()
}
