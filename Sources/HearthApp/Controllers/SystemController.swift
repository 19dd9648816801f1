import Fluent
import FluentSQL
import Metrics
import Prometheus
import Vapor

/// Liveness, readiness and metrics for operators and load balancers.
struct SystemController {
    func healthz(req: Request) -> String { "ok" }

    func readyz(req: Request) async throws -> Response {
        do {
            if let sql = req.db as? any SQLDatabase {
                try await sql.raw("SELECT 1").run()
            }
            return Response(status: .ok, body: "ready")
        } catch {
            req.logger.warning("Readiness check failed: database unreachable")
            let response = Response(status: .serviceUnavailable)
            try response.content.encode(["error": "not_ready", "reason": "The database cannot be reached."], as: .json)
            return response
        }
    }

    func metrics(req: Request) -> Response {
        var buffer: [UInt8] = []
        HearthMetrics.registry.emit(into: &buffer)
        let response = Response(status: .ok, body: .init(data: Data(buffer)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }
}

/// The process-wide Prometheus registry behind swift-metrics; Vapor records request counts and latencies into it.
enum HearthMetrics {
    static let registry = PrometheusCollectorRegistry()

    /// Installs the registry as the swift-metrics backend once per process.
    static func bootstrap() {
        _ = bootstrapped
    }

    private static let bootstrapped: Void = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }()
}
