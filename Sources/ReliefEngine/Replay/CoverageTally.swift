import Foundation

/// How much of what customers went through the playbook answered.
///
/// A step is covered when every expectation at stake got a response. Each expectation at stake
/// in a step counts once in its (leading situation × expectation) cell: `steps` there, and
/// `covered` when a response answered it.
///
/// Memory is bounded: the 24 cells, at most `exampleLimit` uncovered steps in input order, and
/// at most `examplesPerCell` of them per cell.
public struct CoverageTally: Sendable {
    public static let exampleLimit = 100
    public static let examplesPerCell = 3

    public struct Count: Sendable, Equatable {
        public var steps = 0
        public var covered = 0

        public init(steps: Int = 0, covered: Int = 0) {
            self.steps = steps
            self.covered = covered
        }

        public var uncovered: Int { steps - covered }
        /// Covered share in percent; nil when there were no steps.
        public var percent: Double? { steps == 0 ? nil : Double(covered) * 100 / Double(steps) }
    }

    /// A step with expectations at stake that no response answered.
    public struct UncoveredStep: Sendable, Equatable {
        public var caseId: String
        public var step: Int
        public var at: Date?
        public var situation: Situation
        public var missing: [Expectation]
    }

    /// A cell with uncovered steps, for the list of gaps.
    public struct Gap: Sendable, Equatable {
        public var cell: Cell
        public var count: Count
        public var examples: [UncoveredStep]
    }

    /// Counts per cell, indexed by `situation.severity * 6 + expectation index`.
    private var counts = Array(repeating: Count(), count: 24)
    public private(set) var steps = 0
    public private(set) var coveredSteps = 0
    /// The first uncovered steps, in input order.
    public private(set) var examples: [UncoveredStep] = []
    private var cellExamples: [Cell: [UncoveredStep]] = [:]

    public init() {}

    public var uncoveredSteps: Int { steps - coveredSteps }

    /// Covered steps in percent of all steps; 100 when there were none (nothing went unanswered).
    public var percent: Double { steps == 0 ? 100 : Double(coveredSteps) * 100 / Double(steps) }

    public func count(_ cell: Cell) -> Count { counts[Self.index(cell.situation, cell.expectation)] }

    /// The cells where some expectation was at stake.
    public var cells: [Cell: Count] {
        var result: [Cell: Count] = [:]
        for cell in Cell.all where count(cell).steps > 0 { result[cell] = count(cell) }
        return result
    }

    private static func index(_ s: Situation, _ e: Expectation) -> Int {
        let position: Int
        switch e {
        case .trust: position = 0
        case .personalization: position = 1
        case .simplicity: position = 2
        case .empathy: position = 3
        case .consistency: position = 4
        case .recovery: position = 5
        }
        return s.severity * 6 + position
    }

    public mutating func add(_ replay: CaseReplay) {
        for step in replay.steps {
            steps += 1
            if step.isCovered { coveredSteps += 1 }
            for expectation in step.expectations {
                let i = Self.index(step.situation, expectation)
                counts[i].steps += 1
                if step.uncovered.isEmpty || !step.uncovered.contains(expectation) { counts[i].covered += 1 }
            }
            guard !step.isCovered else { continue }
            let uncovered = UncoveredStep(caseId: replay.caseId, step: step.step, at: step.at, situation: step.situation, missing: step.uncovered)
            if examples.count < Self.exampleLimit { examples.append(uncovered) }
            for expectation in step.uncovered {
                let cell = Cell(step.situation, expectation)
                if cellExamples[cell, default: []].count < Self.examplesPerCell { cellExamples[cell, default: []].append(uncovered) }
            }
        }
    }

    /// Cells with uncovered steps, worst first: most uncovered steps, then lowest coverage,
    /// then matrix order (crisis first).
    public var gaps: [Gap] {
        cells.filter { $0.value.uncovered > 0 }
            .map { Gap(cell: $0.key, count: $0.value, examples: cellExamples[$0.key] ?? []) }
            .sorted { a, b in
                if a.count.uncovered != b.count.uncovered { return a.count.uncovered > b.count.uncovered }
                let pa = a.count.percent ?? 0, pb = b.count.percent ?? 0
                if pa != pb { return pa < pb }
                return a.cell < b.cell
            }
    }
}
