import Foundation
import HearthCore
import Vapor

/// Failed sign-ins and refused bearer tokens, counted by client address and by a name no account has, in this process
/// (accounts keep theirs on the user row). A flood answers 429 and leaves one audit record per wait, saying how many
/// attempts were refused since the last one, instead of a row per request (issue 20 #6).
actor Throttle {
    private struct Entry {
        var state = LockoutPolicy.State(failures: 0, lockedUntil: nil)
        var refusedSinceRecord = 0
        var recordedWait: Date?
    }
    private var entries: [String: Entry] = [:]
    /// Past this many keys, those no longer waiting are dropped, so a scan over many addresses cannot exhaust memory.
    private let pruneAbove = 50_000

    func state(_ key: String) -> LockoutPolicy.State {
        entries[key]?.state ?? LockoutPolicy.State(failures: 0, lockedUntil: nil)
    }

    @discardableResult
    func failed(_ key: String, policy: LockoutPolicy, now: Date) -> LockoutPolicy.State {
        if entries.count > pruneAbove { entries = entries.filter { $0.value.state.lockedUntil.map { $0 > now } ?? false } }
        var entry = entries[key] ?? Entry()
        entry.state = policy.afterFailure(entry.state, now: now)
        entries[key] = entry
        return entry.state
    }

    func succeeded(_ key: String) { entries[key] = nil }

    /// Counts an attempt refused during the wait that ends at `until`; returns how many to report when this is the
    /// first refusal of that wait (the one to audit), else nil.
    func refused(_ key: String, until: Date) -> Int? {
        var entry = entries[key] ?? Entry()
        entry.refusedSinceRecord += 1
        defer { entries[key] = entry }
        guard entry.recordedWait != until else { return nil }
        entry.recordedWait = until
        let count = entry.refusedSinceRecord
        entry.refusedSinceRecord = 0
        return count
    }
}

extension Request {
    /// The longest wait among these counts (by key), or nil when every one may go ahead. The first refusal of a wait is
    /// audited under `action` with how many attempts were refused since the last record; the rest are only counted.
    func throttleWait(_ counts: [(key: String, state: LockoutPolicy.State, policy: LockoutPolicy)], now: Date,
                      action: String, actorID: UUID? = nil, actorName: String) async throws -> TooManyAttempts? {
        let waits = counts.compactMap { count in count.policy.wait(count.state, now: now).map { (count.key, count.state, $0) } }
        guard let (key, state, wait) = waits.max(by: { $0.2 < $1.2 }) else { return nil }
        if let refused = await application.throttle.refused(key, until: state.lockedUntil ?? now) {
            try await AuditLog.record(.init(actorID: actorID, actorName: actorName, action: action, outcome: .denied,
                                            detail: "\(key) waits \(Int(wait.rounded(.up))) s after \(state.failures) failures; \(refused) attempt(s) refused since the last record",
                                            request: self), on: db)
        }
        return TooManyAttempts(wait: wait)
    }
}

/// Too many failed attempts: answered 429 with Retry-After, the same words whatever the name typed.
struct TooManyAttempts: AbortError {
    var wait: TimeInterval
    var status: HTTPResponseStatus { .tooManyRequests }
    var seconds: Int { max(1, Int(wait.rounded(.up))) }
    var headers: HTTPHeaders { ["Retry-After": String(seconds)] }
    var reason: String { "Too many failed or refused requests. Wait \(seconds) seconds, then try again." }
}

extension Application {
    private struct ThrottleKey: StorageKey, LockKey { typealias Value = Throttle }

    /// The one throttle of this process (each instance has its own: docs/ARCHITECTURE.md).
    var throttle: Throttle {
        locks.lock(for: ThrottleKey.self).withLock {
            if let throttle = storage[ThrottleKey.self] { return throttle }
            let throttle = Throttle()
            storage[ThrottleKey.self] = throttle
            return throttle
        }
    }
}

extension Request {
    /// The client's address: the socket peer, unless the peer is a proxy named in `HEARTH_TRUSTED_PROXIES`; then the
    /// nearest address in `X-Forwarded-For` that is not one of those proxies (a client can put anything further left).
    var sourceIP: String? {
        Self.clientAddress(peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor], trusted: application.settings.trustedProxies)
    }

    static func clientAddress(peer: String?, forwardedFor: [String], trusted: Set<String>) -> String? {
        guard let peer, trusted.contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last { !trusted.contains($0) } ?? hops.first ?? peer
    }

    /// The key the throttle counts this client's failures under.
    var throttleAddress: String { sourceIP ?? "unknown address" }
}
