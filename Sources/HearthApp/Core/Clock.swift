import Foundation
import Vapor

/// The one clock every request reads "now" from, so a test can pin time and see it on a page or a deadline.
struct HearthClock: Sendable {
    private let read: @Sendable () -> Date

    init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    /// The machine's clock: what `hearth serve` runs on.
    static let system = HearthClock { Date() }

    /// A clock stopped at one instant, for tests.
    static func fixed(_ instant: Date) -> HearthClock { HearthClock { instant } }

    var now: Date { read() }
}

extension Application {
    private struct HearthClockKey: StorageKey { typealias Value = HearthClock }

    /// The application's clock; `.system` unless a test pins it.
    var clock: HearthClock {
        get { storage[HearthClockKey.self] ?? .system }
        set { storage[HearthClockKey.self] = newValue }
    }
}

extension Request {
    /// Now, from the application's clock: controllers and stores read time only from here (or a `now:` passed in).
    var now: Date { application.clock.now }
}
