import Foundation
import HearthApp
import Logging
import NIOCore
import NIOPosix
import Vapor

@main
enum Entrypoint {
    static func main() async {
        // Async handlers run on NIO's event loops instead of a second thread pool: a page's many awaits no longer
        // hop between threads (docs/PERFORMANCE.md, session 6). Nothing in Hearth calls `.wait()`, which this forbids.
        let onEventLoops = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let app: Application
        do {
            var env = try Environment.detect()
            // Production unless asked (`--env development` or VAPOR_ENV), so that a demo runs as it would be deployed.
            let asked = CommandLine.arguments.contains { $0 == "--env" || $0 == "-e" || $0.hasPrefix("--env=") }
            if !asked && ProcessInfo.processInfo.environment["VAPOR_ENV"] == nil {
                env = Environment(name: Environment.production.name, arguments: env.arguments)
            }
            setenv("LOG_LEVEL", "info", 0) // the documented default, which production would lower to notice
            try LoggingSystem.bootstrap(from: &env)
            app = try await Application.make(env)
            app.logger.debug("Swift Concurrency runs on \(onEventLoops ? "NIO's event loops" : "its own thread pool")")
            try await configure(app)
        } catch {
            fail(error)
        }
        do {
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            // Vapor has already logged the error as one line; the exit code says it failed.
            try? await app.asyncShutdown()
            exit(1)
        }
    }

    static func fail(_ error: any Error) -> Never {
        FileHandle.standardError.write(Data("hearth: \(error)\n".utf8))
        exit(1)
    }
}
