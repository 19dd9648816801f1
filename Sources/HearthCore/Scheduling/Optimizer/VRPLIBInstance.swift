import Foundation

/// A VRPTW instance in VRPLIB format (Solomon, Gehring–Homberger), read into a `RoutingProblem` under the DIMACS
/// convention: Euclidean distances and travel times truncated to one decimal, cost = total distance.
public struct VRPLIBInstance: Sendable {
    public var name: String
    public var problem: RoutingProblem

    public enum ReadError: Error, CustomStringConvertible {
        case missing(String)
        public var description: String {
            switch self { case .missing(let what): "The instance has no \(what); give a VRPLIB VRPTW file." }
        }
    }

    public init(text: String) throws {
        var header: [String: String] = [:]
        var sections: [String: [[Double]]] = [:]
        var section: String?
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line == "EOF" { continue }
            if line.hasSuffix("_SECTION") { section = line; continue }
            if let colon = line.firstIndex(of: ":"), section == nil || line.first?.isLetter == true {
                header[line[..<colon].trimmingCharacters(in: .whitespaces)] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                section = nil
                continue
            }
            guard let section else { continue }
            sections[section, default: []].append(line.split(separator: " ").compactMap { Double($0) })
        }
        guard let coordinates = sections["NODE_COORD_SECTION"] else { throw ReadError.missing("NODE_COORD_SECTION") }
        guard let windows = sections["TIME_WINDOW_SECTION"] else { throw ReadError.missing("TIME_WINDOW_SECTION") }
        let demands = sections["DEMAND_SECTION"] ?? []
        let n = coordinates.count
        var matrix = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n where i != j {
            let dx = coordinates[i][1] - coordinates[j][1], dy = coordinates[i][2] - coordinates[j][2]
            matrix[i * n + j] = (10 * (dx * dx + dy * dy).squareRoot()).rounded(.down) / 10
        } }
        var problem = RoutingProblem(locationCount: n, distance: matrix, duration: matrix, weights: .init(distance: 1, travelTime: 0, lateness: 0, overtime: 0))
        let service = Double(header["SERVICE_TIME"] ?? "0") ?? 0
        for node in 1..<n {
            let window = windows[node]
            problem.addVisit(location: node, service: service, ready: window[1], due: window[2], hardDue: window[2],
                             demand: demands.count > node ? demands[node][1] : 0, dropPenalty: RoutingProblem.mustPlacePenalty)
        }
        let vehicles = Int(header["VEHICLES"] ?? "") ?? n - 1
        let capacity = Double(header["CAPACITY"] ?? "") ?? .infinity
        for _ in 0..<vehicles {
            problem.addVehicle(start: 0, end: 0, shiftStart: windows[0][1], shiftEnd: windows[0][2], hardShiftEnd: windows[0][2], capacity: capacity)
        }
        problem.allowAll()
        name = header["NAME"] ?? "instance"
        self.problem = problem
    }

    /// The routes as a VRPLIB solution: "Route #k: c1 c2 …" with customers numbered from 1, then the cost.
    public static func solutionText(_ solution: RoutingSolution) -> String {
        var lines: [String] = []
        for route in solution.routes where !route.isEmpty {
            lines.append("Route #\(lines.count + 1): " + route.map { String($0 + 1) }.joined(separator: " "))
        }
        lines.append(String(format: "Cost %.1f", solution.cost))
        return lines.joined(separator: "\n")
    }
}
