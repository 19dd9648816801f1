import Fluent

extension Fields {
    /// A model's properties listed by hand. Without the list Fluent finds them by reflection every time it builds a
    /// query, reads a row or saves a model: a seventh of the chart's time (docs/PERFORMANCE.md, session 6).
    /// Debug builds, and so every test, check the list against reflection: a property added to a model but not to its
    /// list stops the first test that touches the model.
    func listed(_ properties: [any AnyProperty]) -> [any AnyProperty] {
        assert(Self.matchesReflection(properties, of: self), "\(Self.self).properties must list every property wrapper in declaration order")
        return properties
    }

    static func matchesReflection(_ properties: [any AnyProperty], of model: Self) -> Bool {
        let reflected = Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }
        return reflected.count == properties.count && zip(reflected, properties).allSatisfy { ($0 as AnyObject) === ($1 as AnyObject) }
    }
}
