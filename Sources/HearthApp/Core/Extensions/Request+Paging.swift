import Vapor

extension Request {
    /// Deepest offset a list may be paged to; beyond it arithmetic could overflow and no person pages that far.
    static let maxOffset = 10_000_000

    /// `?page=N` from 1, clamped so that `(page - 1) × page size` stays small.
    var pageNumber: Int {
        min(max(1, query[Int.self, at: "page"] ?? 1), 100_000)
    }
}
