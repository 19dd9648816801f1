/// Pairs a home list with an incoming list and builds the reconciliation lines.
///
/// 1. Lines with the same RxNorm code pair first.
/// 2. The rest pair when they name the same drug: the catalog ingredient (so Lasix pairs with furosemide), or for a drug
///    the catalog does not know, the name with strength, form and salt set aside. A differing RxNorm code does not stop
///    this: clinical-drug codes differ by strength, and a strength change is exactly what reconciliation must show.
///    When several lines could pair, the closest pair wins: the fewest salt or release-form conflicts, then the same
///    name as typed ("metoprolol succinate" pairs with Toprol XL, not with metoprolol tartrate).
/// 3. Home lines left over were not on the incoming list; incoming lines left over are new.
struct ReconciliationPairing {
    /// One line with what the catalog says about it.
    struct Keyed {
        var line: MedicationLine
        var name: DrugName
        var entry: DrugEntry?
        /// Named by the generic name (or unknown to the catalog), so a plain name means immediate release.
        var generic: Bool
        /// The drug's identity for pairing and duplicate checks; empty when the name has nothing to match on.
        var key: String
    }

    let home: [Keyed]
    let incoming: [Keyed]
    let catalog: MedicationCatalog

    init(home: [MedicationLine], incoming: [MedicationLine], catalog: MedicationCatalog) {
        self.catalog = catalog
        self.home = home.map { Self.keyed($0, catalog) }
        self.incoming = incoming.map { Self.keyed($0, catalog) }
    }

    private static func keyed(_ line: MedicationLine, _ catalog: MedicationCatalog) -> Keyed {
        let name = DrugName(line.name)
        guard let match = catalog.match(name) else {
            return Keyed(line: line, name: name, entry: nil, generic: true, key: name.nameKey.isEmpty ? "" : "name:" + name.nameKey)
        }
        let entry = catalog.drugs[match.index]
        return Keyed(line: line, name: name, entry: entry, generic: match.generic, key: "drug:" + entry.ingredient.lowercased())
    }

    /// The reconciliation lines: home-list order, then the new medications in incoming order.
    func lines() -> [ReconciliationLine] {
        let pairs = pairs()
        var rows: [(home: Keyed?, incoming: Keyed?)] = home.indices.map { h in (home[h], pairs[h].map { incoming[$0] }) }
        let paired = Set(pairs.values)
        rows += incoming.indices.filter { !paired.contains($0) }.map { (nil, incoming[$0]) }
        return rows.enumerated().map { index, row in
            ReconciliationLine(id: String(index + 1), kind: Self.kind(row.home, row.incoming), home: row.home?.line,
                               incoming: row.incoming?.line, flags: flags(for: index, in: rows), decision: nil, note: nil)
        }
    }

    /// Home index → incoming index.
    private func pairs() -> [Int: Int] {
        var pairs: [Int: Int] = [:]
        var taken: Set<Int> = []
        for (h, line) in home.enumerated() {
            guard let code = line.line.rxnorm,
                  let i = incoming.indices.first(where: { !taken.contains($0) && incoming[$0].line.rxnorm == code }) else { continue }
            pairs[h] = i
            taken.insert(i)
        }
        var candidates: [(conflicts: Int, renamed: Int, h: Int, i: Int)] = []
        for h in home.indices where pairs[h] == nil && !home[h].key.isEmpty {
            for i in incoming.indices where !taken.contains(i) && incoming[i].key == home[h].key {
                let renamed = home[h].name.keys.first == incoming[i].name.keys.first ? 0 : 1
                candidates.append((Self.conflicts(home[h].name, incoming[i].name), renamed, h, i))
            }
        }
        for candidate in candidates.sorted(by: { ($0.conflicts, $0.renamed, $0.h, $0.i) < ($1.conflicts, $1.renamed, $1.h, $1.i) })
        where pairs[candidate.h] == nil && !taken.contains(candidate.i) {
            pairs[candidate.h] = candidate.i
            taken.insert(candidate.i)
        }
        return pairs
    }

    /// Salt and release-form words that contradict each other (tartrate against succinate, ER against DR).
    private static func conflicts(_ a: DrugName, _ b: DrugName) -> Int {
        let salt = !a.salts.isEmpty && !b.salts.isEmpty && Set(a.salts) != Set(b.salts) ? 1 : 0
        let release = a.release != nil && b.release != nil && a.release != b.release ? 1 : 0
        return salt + release
    }

    private static func kind(_ home: Keyed?, _ incoming: Keyed?) -> ReconciliationKind {
        guard let home else { return .new }
        guard let incoming else { return .discontinued }
        let changes = incoming.line.differences(from: home.line, homeIsGeneric: home.generic, incomingIsGeneric: incoming.generic)
        return changes.isEmpty ? .unchanged : .changed(changes)
    }

    /// High-alert first, then every other line naming the same drug or another drug of a duplicate-therapy class.
    private func flags(for index: Int, in rows: [(home: Keyed?, incoming: Keyed?)]) -> [ReconciliationFlag] {
        guard let this = rows[index].incoming ?? rows[index].home else { return [] }
        var flags: [ReconciliationFlag] = []
        if let category = this.entry?.highAlert { flags.append(.highAlert(category)) }
        guard !this.key.isEmpty else { return flags }
        for (otherIndex, row) in rows.enumerated() where otherIndex != index {
            guard let other = row.incoming ?? row.home, !other.key.isEmpty else { continue }
            if other.key == this.key {
                flags.append(.duplicateDrug(other: other.line.name))
            } else if let entry = this.entry, let otherEntry = other.entry,
                      let shared = catalog.duplicateTherapyClasses(of: entry).first(where: otherEntry.classes.contains) {
                flags.append(.duplicateClass(className: shared, other: other.line.name))
            }
        }
        return flags
    }
}
