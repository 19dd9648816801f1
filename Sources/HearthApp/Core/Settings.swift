import Foundation
import NIOCore
import HearthCore
import Vapor

/// Where the data lives, chosen by `DATABASE_URL`.
enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(path: String)
    case sqliteMemory
    /// `schema` sets PostgreSQL's search_path: tests give each test a schema of its own.
    case postgres(url: String, schema: String? = nil)

    init(databaseURL: String?) {
        guard let url = databaseURL?.trimmingCharacters(in: .whitespaces), !url.isEmpty else {
            self = .sqliteFile(path: Settings.defaultSQLitePath)
            return
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(url: url, schema: nil)
        } else if url == ":memory:" {
            self = .sqliteMemory
        } else if url.hasPrefix("sqlite://") {
            self = .sqliteFile(path: String(url.dropFirst("sqlite://".count)))
        } else {
            self = .sqliteFile(path: url)
        }
    }

    /// Safe to print: a PostgreSQL URL loses its password.
    var displayName: String {
        switch self {
        case .sqliteFile(let path): return "SQLite file \(path)"
        case .sqliteMemory: return "SQLite in memory"
        case .postgres(let url, _):
            if var parts = URLComponents(string: url) {
                if parts.password != nil { parts.password = "***" }
                return "PostgreSQL \(parts.string ?? "")"
            }
            return "PostgreSQL"
        }
    }
}

/// Every setting Hearth reads, read once from the environment, with defaults that make the demo work.
struct Settings: Sendable {
    static let defaultSQLitePath = "hearth-data/hearth.sqlite"

    var database: DatabaseLocation
    var session: SessionPolicy
    var lockout: LockoutPolicy
    /// Failed sign-ins and refused tokens from one client address (NIST SP 800-63B 5.2.2).
    var addressThrottle = LockoutPolicy.address
    /// Patient records refused to one API account (a scan of record ids): 100 free, then growing waits.
    var refusalThrottle = LockoutPolicy(freeFailures: 100, firstWait: 1, longestWait: 15 * 60)
    /// Proxies whose `X-Forwarded-For` is believed (`HEARTH_TRUSTED_PROXIES`, addresses separated by commas); from
    /// anyone else the header is ignored and the socket peer is the client.
    var trustedProxies: Set<String> = []
    /// Mark cookies Secure even without `X-Forwarded-Proto: https` (set when TLS ends in front of Hearth).
    var forceSecureCookies: Bool
    /// The agency's time zone: "today" and due dates are computed in it.
    var agencyTimeZone: TimeZone
    /// How often the sealer links new audit records into the hash chain; nil turns it off (tests seal by hand).
    var auditSealInterval: TimeAmount?
    /// How long read audit records may wait to be group-committed; nil writes each at once (tests).
    var auditReadFlushInterval: Duration?
    /// The agency's name on printed plans of care and orders (`HEARTH_AGENCY_NAME`).
    var agencyName = "Home health agency"
    /// The agency's state (`HEARTH_AGENCY_STATE`, two letters such as DC): selects its overrides of the federal deadlines
    /// in Resources/Rules/state-rules.json; nil applies the federal rules only.
    var agencyState: String?
    /// Database connections per event loop; the test suite, which runs many apps at once on one PostgreSQL, uses fewer.
    var connectionsPerEventLoop = 4
    /// When an open safety alert is escalated to the supervisors (`HEARTH_SAFETY_ESCALATION_HOURS`).
    var safetyAlerts = SafetyAlertWatch()
    /// Keys the audit chain (`HEARTH_AUDIT_KEY`, or a file named by `HEARTH_AUDIT_KEY_FILE`; for an SQLite database,
    /// `audit.key` beside it when present). Nil seals with plain SHA-256, which whoever can write the database can redo.
    var auditKey: AuditKey?
    /// The append-only file the chain's head is checkpointed to (`HEARTH_AUDIT_CHECKPOINTS`; for an SQLite database,
    /// `audit-checkpoints.log` beside it when present). Nil takes no checkpoints.
    var auditCheckpoints: String?
    /// At most how often the server checkpoints a changed head (`HEARTH_AUDIT_CHECKPOINT_SECONDS`).
    var auditCheckpointInterval: TimeInterval = 10
    /// The roles that must sign in with two steps (`HEARTH_MFA_REQUIRED`: "admin,supervisor", the default, or "none").
    /// Configuration, not a database row: no administrator account, stolen or not, can switch it off from the web.
    var twoStep = TwoStepPolicy.optional
    /// How long a break-the-glass access lasts (`HEARTH_EMERGENCY_ACCESS_HOURS`, 1 to 12) [45 CFR 164.312(a)(2)(ii)].
    var emergencyAccessHours = EmergencyAccess.defaultHours
    /// Whole dollars a hospital day costs, to cost avoidable days (HEARTH_AVOIDABLE_DAY_COST); set it to the hospital's own figure.
    var avoidableDayCost = 3_000
    /// HEARTH_PUBLIC_URL: the scheme and host integrators reach Hearth at (FHIR links are absolute); nil, the request's.
    var publicURL: String?
    /// Browser apps' origins that may call the FHIR and OAuth APIs across origins (`HEARTH_CORS_ORIGINS`); none by default.
    var corsOrigins: Set<String> = []
    /// How long the hospital waits for a partner agency's server (`HEARTH_PARTNER_TIMEOUT_SECONDS`, 1 to 60).
    var partnerTimeoutSeconds = 10
    /// The background poll reads each partner referral's Task at most this often (`HEARTH_REFERRAL_POLL_MINUTES`, at least 1).
    var referralPollMinutes = 5

    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        let idleMinutes = try number(environment["HEARTH_IDLE_MINUTES"], name: "HEARTH_IDLE_MINUTES", default: 15)
        let zoneName = environment["HEARTH_TIMEZONE"] ?? "America/New_York"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw SettingsError(message: "HEARTH_TIMEZONE '\(zoneName)' is not a time zone name such as America/Chicago.")
        }
        var settings = Settings(
            database: DatabaseLocation(databaseURL: environment["DATABASE_URL"]),
            session: SessionPolicy(idleTimeout: TimeInterval(idleMinutes * 60)),
            lockout: .standard,
            forceSecureCookies: environment["HEARTH_SECURE_COOKIES"] == "1",
            agencyTimeZone: zone,
            // Often and in small batches: sealing a second's records at once held requests up (p99 260 ms; every 200 ms,
            // 70 ms; every 50 ms, 46–49 ms for a FHIR read at 16 connections: docs/PERFORMANCE.md, sessions 6 and 7).
            auditSealInterval: .milliseconds(50),
            auditReadFlushInterval: .milliseconds(50)
        )
        settings.trustedProxies = Set((environment["HEARTH_TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        if let name = environment["HEARTH_AGENCY_NAME"], !name.isEmpty { settings.agencyName = name }
        if let state = environment["HEARTH_AGENCY_STATE"], !state.isEmpty {
            guard state.count == 2, state.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw SettingsError(message: "HEARTH_AGENCY_STATE '\(state)' must be a two-letter state code such as DC or SC.")
            }
            settings.agencyState = state.uppercased()
        }
        settings.safetyAlerts = SafetyAlertWatch(escalationHours: try number(environment["HEARTH_SAFETY_ESCALATION_HOURS"],
                                                                            name: "HEARTH_SAFETY_ESCALATION_HOURS", default: SafetyAlertWatch.defaultEscalationHours))
        try settings.readAuditSettings(environment)
        if let text = environment["HEARTH_MFA_REQUIRED"] {
            guard let policy = TwoStepPolicy(setting: text) else {
                throw SettingsError(message: "HEARTH_MFA_REQUIRED '\(text)' must list roles separated by commas (e.g. admin,supervisor), or be none.")
            }
            settings.twoStep = policy
        } else {
            settings.twoStep = TwoStepPolicy(requiredRoles: TwoStepPolicy.standard.requiredRoles, isDefault: true)
        }
        settings.corsOrigins = try corsOrigins(environment["HEARTH_CORS_ORIGINS"])
        settings.avoidableDayCost = try number(environment["HEARTH_AVOIDABLE_DAY_COST"], name: "HEARTH_AVOIDABLE_DAY_COST", default: settings.avoidableDayCost)
        settings.emergencyAccessHours = try number(environment["HEARTH_EMERGENCY_ACCESS_HOURS"], name: "HEARTH_EMERGENCY_ACCESS_HOURS", default: EmergencyAccess.defaultHours)
        guard EmergencyAccess.allowedHours.contains(settings.emergencyAccessHours) else {
            throw SettingsError(message: "HEARTH_EMERGENCY_ACCESS_HOURS must be from 1 to 12 (a shift), not \(settings.emergencyAccessHours).")
        }
        settings.partnerTimeoutSeconds = try number(environment["HEARTH_PARTNER_TIMEOUT_SECONDS"], name: "HEARTH_PARTNER_TIMEOUT_SECONDS", default: 10)
        guard (1...60).contains(settings.partnerTimeoutSeconds) else { throw SettingsError(message: "HEARTH_PARTNER_TIMEOUT_SECONDS must be from 1 to 60.") }
        settings.referralPollMinutes = try number(environment["HEARTH_REFERRAL_POLL_MINUTES"], name: "HEARTH_REFERRAL_POLL_MINUTES", default: 5)
        if let url = environment["HEARTH_PUBLIC_URL"], !url.isEmpty {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw SettingsError(message: "HEARTH_PUBLIC_URL '\(url)' must be an http or https URL such as https://hearth.example.org.")
            }
            settings.publicURL = String(url.reversed().drop { $0 == "/" }.reversed())
        }
        return settings
    }

    private mutating func readAuditSettings(_ environment: [String: String]) throws {
        var besideDatabase: String?
        if case .sqliteFile(let path) = database { besideDatabase = (path as NSString).deletingLastPathComponent }
        if let text = environment["HEARTH_AUDIT_KEY"], !text.isEmpty {
            guard let key = AuditKey(text) else { throw SettingsError(message: "HEARTH_AUDIT_KEY must be at least \(AuditKey.minimumLength) characters (e.g. `openssl rand -hex 32`).") }
            auditKey = key
        } else if let path = environment["HEARTH_AUDIT_KEY_FILE"], !path.isEmpty {
            auditKey = try Self.readKey(path, name: "HEARTH_AUDIT_KEY_FILE")
        } else if let dir = besideDatabase, FileManager.default.fileExists(atPath: Self.demoKeyPath(dir)) {
            auditKey = try Self.readKey(Self.demoKeyPath(dir), name: "the audit key beside the database")
        }
        if let path = environment["HEARTH_AUDIT_CHECKPOINTS"], !path.isEmpty {
            auditCheckpoints = path
        } else if let dir = besideDatabase, FileManager.default.fileExists(atPath: Self.demoCheckpointsPath(dir)) {
            auditCheckpoints = Self.demoCheckpointsPath(dir)
        }
        auditCheckpointInterval = TimeInterval(try Self.number(environment["HEARTH_AUDIT_CHECKPOINT_SECONDS"], name: "HEARTH_AUDIT_CHECKPOINT_SECONDS", default: 10))
    }

    static func demoKeyPath(_ directory: String) -> String { (directory as NSString).appendingPathComponent("audit.key") }
    static func demoCheckpointsPath(_ directory: String) -> String { (directory as NSString).appendingPathComponent("audit-checkpoints.log") }

    private static func readKey(_ path: String, name: String) throws -> AuditKey {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SettingsError(message: "\(name) '\(path)' cannot be read: check the path and its permissions.")
        }
        guard let key = AuditKey(text) else {
            throw SettingsError(message: "\(name) '\(path)' must hold at least \(AuditKey.minimumLength) characters (e.g. `openssl rand -hex 32`).")
        }
        return key
    }

    private static func number(_ text: String?, name: String, default value: Int) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), number > 0 else {
            throw SettingsError(message: "\(name) must be a whole number above zero, not '\(text)'.")
        }
        return number
    }
}

struct SettingsError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = Settings }

    var settings: Settings {
        get {
            guard let settings = storage[SettingsKey.self] else { fatalError("configure(_:settings:) sets the settings first") }
            return settings
        }
        set { storage[SettingsKey.self] = newValue }
    }
}
