import Foundation
import HearthCore

// Solves one VRPLIB VRPTW instance with Hearth's optimizer and prints the solution in VRPLIB form (for bench/vrptw).
//   hearth-vrptw INSTANCE.vrp [--seconds S] [--seed N] [--iterations N]
// --iterations stops after N ruin-and-recreate steps (within the time limit), so two builds compare on a busy machine.
// Or plans a generated agency day with the day planner and prints the plan as JSON (for bench/agency-day):
//   hearth-vrptw --agency-day DAY.json [--seconds S] [--seed N] [--iterations N] [--stranger W] [--requirements FILE]
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, in arguments: [String]) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let seconds = option("--seconds", in: arguments).flatMap(Double.init) ?? 10
let seed = option("--seed", in: arguments).flatMap(UInt64.init) ?? 1
let iterations = option("--iterations", in: arguments).flatMap(Int.init)
if let day = option("--agency-day", in: arguments) {
    do {
        try AgencyDay.run(path: day, seconds: seconds, seed: seed, iterations: iterations, stranger: option("--stranger", in: arguments).flatMap(Double.init),
                          requirementsPath: option("--requirements", in: arguments) ?? "Resources/Scheduling/state-credential-requirements.json")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
}
guard let path = arguments.first(where: { $0.hasSuffix(".vrp") }), let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: hearth-vrptw INSTANCE.vrp [--seconds S] [--seed N] [--iterations N]\n".utf8))
    exit(2)
}
let began = ContinuousClock.now
do {
    let instance = try VRPLIBInstance(text: text)
    let budget = Duration.milliseconds(Int(seconds * 1000)) - (ContinuousClock.now - began)
    let solution = RouteOptimizer(problem: instance.problem).solve(.init(seed: seed, timeLimit: budget, maxIterations: iterations))
    print(VRPLIBInstance.solutionText(solution))
    print("Iterations \(solution.iterations)")
    print("Unassigned \(solution.unassigned.count)")
    print(String(format: "Seconds %.2f", (ContinuousClock.now - began) / .seconds(1)))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
