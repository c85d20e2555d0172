import Foundation

/// The console's panes, in Tab order; their raw values name them in key-map files.
public enum PaneID: String, CaseIterable, Sendable {
    case queue
    case review
    case simulator
    case dictionary

    public var title: String {
        switch self {
        case .queue: "1 Ingestion queue"
        case .review: "2 Tag review"
        case .simulator: "3 Score simulator"
        case .dictionary: "4 Dictionary"
        }
    }

    /// The pane shown beside this one on a wide terminal.
    public var companion: PaneID {
        switch self {
        case .queue: .review
        case .review: .simulator
        case .simulator: .review
        case .dictionary: .review
        }
    }

    /// The name on the header's tab.
    public var tab: String {
        switch self {
        case .queue: "1 Queue"
        case .review: "2 Review"
        case .simulator: "3 Simulator"
        case .dictionary: "4 Dictionary"
        }
    }

    public var next: PaneID { Self.allCases[(Self.allCases.firstIndex(of: self)! + 1) % Self.allCases.count] }
    public var previous: PaneID {
        Self.allCases[(Self.allCases.firstIndex(of: self)! + Self.allCases.count - 1) % Self.allCases.count]
    }
}
