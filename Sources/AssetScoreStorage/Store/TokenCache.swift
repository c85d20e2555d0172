import Foundation

/// The last value computed for a key that includes the store's change token: reused until
/// anything is committed, by this connection or another.
///
/// Inside an open transaction of this connection the token does not yet reflect its own
/// writes, so values are neither read from nor kept in the cache then.
final class TokenCache<Key: Hashable, Value> {
    private var last: (key: Key, value: Value)?

    func value(for key: Key, inTransaction: Bool, compute: () throws -> Value) rethrows -> Value {
        if !inTransaction, let last, last.key == key { return last.value }
        let value = try compute()
        if !inTransaction { last = (key, value) }
        return value
    }
}
