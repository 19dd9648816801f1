import Testing

/// The root of the app suite; each area of Hearth is a nested suite in its own file.
@Suite struct AllTests {}
