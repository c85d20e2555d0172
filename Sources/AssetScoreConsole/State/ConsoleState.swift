import AssetScoreCore
import Foundation
import TerminalUI

/// Everything the console shows, as plain values: panes render it, actions change it.
///
/// Loading and saving happen in `ConsoleController`; the state itself never touches the store, so
/// an update can be tested by asserting the state, and a screen by rendering it.
public struct ConsoleState: Sendable {
    public var width = 80
    public var height = 24
    public var focus: PaneID = .queue
    public var overlay: Overlay?
    /// One line for the status bar: the result of the last action, or an error.
    public var message: String?
    public var messageIsError = false

    public var queue = QueueState()
    public var review = ReviewState()
    public var simulator = SimulatorState()
    public var dictionary = DictionaryState()

    public init() {}

    public enum Overlay: Sendable, Equatable {
        case help(scroll: Int)
        case prompt(Prompt)
        case confirm(message: String, action: PendingAction)
        case detail(AssetDetail)
    }

    /// A one-line input with what to do with the answer.
    public struct Prompt: Sendable, Equatable {
        public var title: String
        public var field: TextField
        public var purpose: Purpose
        public var hint: String?
        /// Live suggestions for what is typed (user ids, dictionary labels), best first.
        public var suggestions: [String] = []
        /// The suggestion (or dictionary match) Enter takes; Up and Down move it.
        public var choice = 0

        public enum Purpose: Sendable, Equatable {
            case ingestPath
            /// Both name the review item they were opened on: a reload that moves the selection
            /// (another operator's decision) must not redirect the answer to another item.
            case dictionarySearch(itemID: Int64)
            case createEntry(itemID: Int64)
            case addAttribute
            case findUser
            case addDictionaryEntry
            case renameEntry(String)
            case deprecateEntry(String)
            case mergeEntry(String)
            case bulkThreshold
        }
    }

    /// An action that waits for "y" in a confirmation.
    public enum PendingAction: Sendable, Equatable {
        case bulkAccept(threshold: Double, count: Int)
    }
}

public struct QueueState: Sendable {
    public var rows: [Asset] = []
    public var selected = 0
    public var offset = 0
    public var statusFilter: AssetStatus?
    public var total = 0
    public var counts: [AssetStatus: Int] = [:]
    /// Background ingests started from the console, newest first.
    public var jobs: [IngestJob] = []
    /// The persistent queue's jobs, newest first, shown instead of the assets while `showingJobs`
    /// (`v` switches): status, analyser, time, tokens and cost, failure reason.
    public var queueJobs: [QueueJob] = []
    public var jobCounts: [JobStatus: Int] = [:]
    /// nil until the first load, which shows the jobs when there are any.
    public var showingJobs: Bool?

    /// Rows of the table on screen: jobs or assets.
    public var rowCount: Int { showingJobs == true ? queueJobs.count : rows.count }
}

/// A background ingest started from the console.
public struct IngestJob: Sendable, Equatable {
    public var id: Int
    public var path: String
    public var done = 0
    public var total = 0
    public var current = ""
    public var finished = false
    public var summary = ""
    public var startedAt: Date
}

public struct ReviewState: Sendable {
    public var items: [ReviewItem] = []
    public var selected = 0
    public var offset = 0
    public var pendingTotal = 0
    /// Decisions made in this console, newest last, so `u` can undo them in order.
    public var undoStack: [Int64] = []
    /// Items whose decision (or undo) is saving in the background; shown as "saving…".
    public var saving: Set<Int64> = []
    /// Files of the first assets the selected item appears in, for previews.
    public var selectedAssetPaths: [String] = []
}

public struct SimulatorState: Sendable {
    public var campaigns: [String] = []
    public var campaignIndex = 0
    /// Personas by id, then a user loaded by id (if any).
    public var subjects: [Subject] = []
    public var subjectIndex = 0
    /// The profile being simulated: starts as the subject's, then edited live.
    public var profile: [UserAttribute] = []
    public var facetWeights: [String: Double] = [:]
    public var facetOrder: [String] = []
    public var editingWeights = false
    public var selectedAttribute = 0
    public var selectedFacet = 0
    public var decision: Decision?
    /// Which variant each persona gets in this campaign.
    public var personaWinners: [(persona: String, asset: String, score: Double)] = []
    /// Share of imported users each variant wins, best first.
    public var userShares: [(asset: String, share: Double)] = []
    public var usersCounted = 0
    /// The share chart is being counted in the background (many users).
    public var countingShares = false
    /// How many variants the campaign has; `decision.ranking` holds only the rows that fit.
    public var variantCount = 0
    /// A campaign loading in the background (its ranking shows when it is ready), and its size.
    public var loadingCampaign: String?
    public var loadingVariants = 0

    public struct Subject: Sendable, Equatable {
        public var id: String
        public var name: String
        public var isUser: Bool
        public var attributes: [UserAttribute]
    }

    /// The campaign whose facet weights and persona summary are loaded; edits survive reloads of it.
    public var loadedCampaign: String?
    /// The subject whose attributes `profile` started from; edits survive reloads of it.
    public var profileSubject: String?

    public var campaign: String? { campaigns.indices.contains(campaignIndex) ? campaigns[campaignIndex] : nil }
    public var subject: Subject? { subjects.indices.contains(subjectIndex) ? subjects[subjectIndex] : nil }
}

public struct DictionaryState: Sendable {
    public var entries: [DictionaryEntry] = []
    public var facets: [String] = []
    public var facetFilter: String?
    /// Tags and user attributes mapped to each entry; counted in the background after a change.
    public var usage: [String: Int] = [:]
    /// Counts are being made; `usage` holds the previous ones, or none yet (`usageCounted`).
    public var countingUsage = false
    public var usageCounted = false
    public var selected = 0
    public var offset = 0
    public var audit: [AuditEvent] = []

    public var visible: [DictionaryEntry] {
        guard let f = facetFilter else { return entries }
        return entries.filter { $0.facet == f }
    }
}

/// What the detail overlay shows for one asset.
public struct AssetDetail: Sendable, Equatable {
    public var asset: Asset
    public var analysis: Analysis?
    public var tags: [AssetTag]
    public var scroll = 0
    /// Where a model's claim contradicted the embedded measurement (why it needs review).
    public var disagreements: [AnalysisDisagreement] = []
}
