import AssetScoreCore
import Foundation

extension ConsoleController {
    func performSimulator(_ action: String) throws {
        var sim = state.simulator
        switch action {
        case "next-campaign", "previous-campaign":
            guard !sim.campaigns.isEmpty else { return flash("no campaigns yet: ingest a folder") }
            let step = action == "next-campaign" ? 1 : sim.campaigns.count - 1
            state.simulator.campaignIndex = (sim.campaignIndex + step) % sim.campaigns.count
            try loadCampaign()
        case "next-subject", "previous-subject":
            guard !sim.subjects.isEmpty else { return flash("no personas: import some with 'assetscore personas import'") }
            let step = action == "next-subject" ? 1 : sim.subjects.count - 1
            state.simulator.subjectIndex = (sim.subjectIndex + step) % sim.subjects.count
            state.simulator.profile = state.simulator.subject?.attributes ?? []
            state.simulator.profileSubject = state.simulator.subject?.id
            state.simulator.selectedAttribute = 0
            rescore()
        case "find-user":
            prompt("Load the user with id", .findUser)
        case "add-attribute":
            prompt("Add an attribute as facet=value[:weight]", .addAttribute, hint: "e.g. theme=beach:0.8, tone=warm")
        case "remove-attribute":
            if sim.editingWeights {
                guard sim.facetOrder.indices.contains(sim.selectedFacet) else { return }
                state.simulator.facetWeights[sim.facetOrder[sim.selectedFacet]] = 0
            } else {
                guard sim.profile.indices.contains(sim.selectedAttribute) else { return flash("no attribute selected") }
                state.simulator.profile.remove(at: sim.selectedAttribute)
                state.simulator.selectedAttribute = max(0, min(sim.selectedAttribute, state.simulator.profile.count - 1))
            }
            rescore()
        case "weight-up", "weight-down":
            let delta = action == "weight-up" ? 0.1 : -0.1
            if sim.editingWeights {
                guard sim.facetOrder.indices.contains(sim.selectedFacet) else { return }
                let f = sim.facetOrder[sim.selectedFacet]
                let new = Self.step(sim.facetWeights[f] ?? 1, delta, range: 0...10)
                if new == sim.facetWeights[f] { flash("the \(f) weight is at its limit (0 to 10)") }
                state.simulator.facetWeights[f] = new
            } else {
                guard sim.profile.indices.contains(sim.selectedAttribute) else { return flash("no attribute selected") }
                let old = sim.profile[sim.selectedAttribute].weight
                sim.profile[sim.selectedAttribute].weight = Self.step(old, delta, range: -1...1)
                if sim.profile[sim.selectedAttribute].weight == old { flash("a weight goes from -1 (dislike) to 1") }
                state.simulator.profile = sim.profile
            }
            rescore()
        case "toggle-weights":
            state.simulator.editingWeights.toggle()
            flash(state.simulator.editingWeights ? "editing facet weights (+/-)" : "editing profile attributes (+/-)")
        default:
            flash("'\(action)' does not apply to the simulator")
        }
    }

    /// Adds `delta` and rounds to a tenth, so repeated presses never drift (0.30000000000000004).
    static func step(_ value: Double, _ delta: Double, range: ClosedRange<Double>) -> Double {
        min(range.upperBound, max(range.lowerBound, ((value + delta) * 10).rounded() / 10))
    }

    func addAttribute(_ text: String) throws {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw ConsoleError("write facet=value[:weight], e.g. theme=beach:0.8")
        }
        let facet = text[..<eq].trimmingCharacters(in: .whitespaces)
        var value = String(text[text.index(after: eq)...])
        var weight = 1.0
        if let colon = value.lastIndex(of: ":"), let w = Double(value[value.index(after: colon)...]) {
            guard w.isFinite, (-1...1).contains(w) else { throw ConsoleError("a weight is from -1 (dislike) to 1") }
            weight = w
            value = String(value[..<colon])
        }
        value = value.trimmingCharacters(in: .whitespaces)
        guard mapper.dictionary.facet(facet) != nil else { throw ConsoleError("no facet '\(facet)'") }
        guard !value.isEmpty else { throw ConsoleError("the value is empty") }
        let r = mapper.map(value, facet: facet)
        state.simulator.profile.append(UserAttribute(facet: facet, value: value, weight: weight, entry: r.entry, method: r.method))
        state.simulator.selectedAttribute = state.simulator.profile.count - 1
        rescore()
        flash(r.entry == nil ? "'\(value)' is not in the dictionary: it will not count" : "added \(facet)=\(value)")
    }

    func loadUser(_ id: String) throws {
        let trimmed = id.trimmingCharacters(in: .whitespaces)
        guard let user = try store.user(id: trimmed) else { throw ConsoleError("no user '\(trimmed)'") }
        let subject = SimulatorState.Subject(id: user.id, name: "user \(user.id)", isUser: true, attributes: user.attributes)
        state.simulator.subjects.removeAll { $0.isUser }
        state.simulator.subjects.append(subject)
        state.simulator.subjectIndex = state.simulator.subjects.count - 1
        state.simulator.profile = user.attributes
        state.simulator.profileSubject = user.id
        state.simulator.selectedAttribute = 0
        rescore()
    }
}
