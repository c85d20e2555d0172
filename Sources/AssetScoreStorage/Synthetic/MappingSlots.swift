import AssetScoreCore
import Foundation

/// Result slots that worker threads fill at distinct indices.
///
/// Unchecked Sendable because the buffer is shared without a lock: each index is written by
/// exactly one worker, and read only after `concurrentPerform` has returned.
final class MappingSlots: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<MappingResult?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func set(_ index: Int, _ result: MappingResult) { buffer[index] = result }

    /// The result at `index`; every slot is filled before this is called.
    func get(_ index: Int) -> MappingResult {
        guard let result = buffer[index] else { preconditionFailure("mapping slot \(index) was never filled") }
        return result
    }
}
