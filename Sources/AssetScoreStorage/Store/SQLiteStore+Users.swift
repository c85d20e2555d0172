import AssetScoreCore
import Foundation

extension SQLiteStore {
    /// Upserts users and replaces their attributes, in one transaction. Unmapped attributes wait
    /// on review items (created when missing); keys already decided or rejected take that outcome.
    public func saveUsers(_ users: [UserProfile], actor: String) throws {
        guard !users.isEmpty else { return }
        try db.transaction {
            let now = Date()
            var seen: Set<String> = []
            var counts = (attributes: 0, waiting: 0)
            for user in users {
                guard !user.id.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw StorageError.invalidInput("\(user.source): a user has an empty id")
                }
                guard seen.insert(user.id).inserted else {
                    throw StorageError.invalidInput("\(user.source): user '\(user.id)' appears twice in one import")
                }
                try db.run(
                    """
                    INSERT INTO users (id, source, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET source = excluded.source, updated_at = excluded.updated_at
                    """,
                    user.id, user.source, StoredDate.text(user.updatedAt))
                try db.run("DELETE FROM user_attributes WHERE user_id = ?", user.id)
                for attribute in user.attributes {
                    let (stored, resolvedBy) = try linkedAttribute(attribute, at: now)
                    if let entry = stored.entry, !(try entryExists(entry)) {
                        throw StorageError.invalidInput(
                            "\(user.source): user '\(user.id)' attribute \(attribute.facet)='\(attribute.value)' "
                                + "is mapped to entry '\(entry)', which does not exist")
                    }
                    try db.run(
                        """
                        INSERT INTO user_attributes (user_id, facet, value, normalized, weight, entry, method, review_item_id,
                            resolved_by_item)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                        user.id, stored.facet, stored.value, stored.normalized ?? "", stored.weight, stored.entry,
                        stored.method.rawValue, stored.reviewItemID, resolvedBy)
                    counts.attributes += 1
                    if stored.reviewItemID != nil { counts.waiting += 1 }
                }
            }
            let sources = Array(Set(users.map(\.source))).sorted().joined(separator: ", ")
            try audit(
                actor: actor, action: "users.save", subject: sources, before: String?.none,
                after: ["users": users.count, "attributes": counts.attributes, "waiting_for_review": counts.waiting], at: now)
        }
    }

    public func user(id: String) throws -> UserProfile? {
        guard
            let (source, updatedAt) = try db.queryFirst(
                "SELECT source, updated_at FROM users WHERE id = ?", id, row: { ($0.text(0), $0.text(1)) })
        else { return nil }
        return UserProfile(
            id: id, attributes: try attributes(ofUser: id), source: source,
            updatedAt: try StoredDate.date(updatedAt, what: "users.updated_at of '\(id)'"))
    }

    /// Users ordered by id, a page at a time.
    public func users(limit: Int, offset: Int) throws -> [UserProfile] {
        try usersPage(search: nil, limit: limit, offset: offset)
    }

    /// The page of users is cut first (materialised), then joined with its attributes, so one
    /// statement returns both; rows come ordered by user, then attribute, and are grouped here.
    public func usersPage(search: String?, limit: Int, offset: Int) throws -> [UserProfile] {
        guard limit > 0 else { return [] }
        let statement = usersPageStatement(search: search, limit: limit, offset: offset)
        var users: [UserProfile] = []
        _ = try db.query(statement.sql, values: statement.values) { row in
            let id = row.text(0)
            if users.last?.id != id {
                users.append(
                    UserProfile(
                        id: id, attributes: [], source: row.text(1),
                        updatedAt: try StoredDate.date(row.text(2), what: "users.updated_at of '\(id)'")))
            }
            // A user without attributes comes as one row of NULLs from the LEFT JOIN.
            guard !row.isNull(3) else { return }
            users[users.count - 1].attributes.append(try Self.attribute(row, from: 3, owner: "user '\(id)'"))
        }
        return users
    }

    /// The statement `usersPage` runs.
    func usersPageStatement(search: String?, limit: Int, offset: Int) -> (sql: String, values: [SQLiteValue]) {
        var values: [SQLiteValue] = []
        var filter = ""
        if let search = SQLPattern.search(search) {
            filter = "WHERE id GLOB ?"
            values.append(.text(SQLPattern.startsWith(search)))
        }
        values += [.integer(Int64(limit)), .integer(Int64(max(offset, 0)))]
        let sql = """
            WITH page AS MATERIALIZED (SELECT id, source, updated_at FROM users \(filter) ORDER BY id LIMIT ? OFFSET ?)
            SELECT p.id, p.source, p.updated_at,
                a.facet, a.value, a.weight, a.entry, a.method, a.review_item_id, a.normalized
            FROM page p LEFT JOIN user_attributes a ON a.user_id = p.id
            ORDER BY p.id, a.id
            """
        return (sql, values)
    }

    public func userCount() throws -> Int {
        Int(try db.scalarInt("SELECT COUNT(*) FROM users") ?? 0)
    }

    /// Stores a persona and replaces its attributes, in one transaction; audited when it changed.
    /// Unmapped attributes wait on review items (created when missing), shared with asset tags
    /// and user attributes of the same facet and normalised text; texts already decided or
    /// rejected take that outcome, as `saveUsers` does. Returns the persona as stored.
    @discardableResult
    public func savePersona(_ persona: Persona, actor: String) throws -> Persona {
        guard !persona.id.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StorageError.invalidInput("persona '\(persona.name)' has an empty id")
        }
        return try db.transaction {
            let now = Date()
            let before = try self.persona(id: persona.id)
            var stored = persona
            var settledBy: [Int64?] = []
            for (index, attribute) in persona.attributes.enumerated() {
                let (linked, resolvedBy) = try linkedAttribute(attribute, at: now)
                if let entry = linked.entry, !(try entryExists(entry)) {
                    throw StorageError.invalidInput(
                        "persona '\(persona.id)' attribute \(attribute.facet)='\(attribute.value)' is mapped to entry '\(entry)', "
                            + "which does not exist")
                }
                stored.attributes[index] = linked
                settledBy.append(resolvedBy)
            }
            guard before != stored else { return stored }
            try db.run(
                """
                INSERT INTO personas (id, name, description, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
                    updated_at = excluded.updated_at
                """,
                stored.id, stored.name, stored.description, StoredDate.text(now))
            try db.run("DELETE FROM persona_attributes WHERE persona_id = ?", stored.id)
            for (a, resolvedBy) in zip(stored.attributes, settledBy) {
                try db.run(
                    """
                    INSERT INTO persona_attributes (persona_id, facet, value, normalized, weight, entry, method, review_item_id,
                        resolved_by_item)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    stored.id, a.facet, a.value, a.normalized, a.weight, a.entry, a.method.rawValue, a.reviewItemID, resolvedBy)
            }
            try audit(actor: actor, action: "persona.save", subject: stored.id, before: before, after: stored, at: now)
            return stored
        }
    }

    public func persona(id: String) throws -> Persona? {
        guard
            let (name, description) = try db.queryFirst(
                "SELECT name, description FROM personas WHERE id = ?", id, row: { ($0.text(0), $0.optionalText(1)) })
        else { return nil }
        return Persona(id: id, name: name, description: description, attributes: try attributes(ofPersona: id))
    }

    public func personas() throws -> [Persona] {
        let rows = try db.query("SELECT id, name, description FROM personas ORDER BY id") {
            ($0.text(0), $0.text(1), $0.optionalText(2))
        }
        return try rows.map { id, name, description in
            Persona(id: id, name: name, description: description, attributes: try attributes(ofPersona: id))
        }
    }

    // MARK: Rows

    private func attributes(ofUser id: String) throws -> [UserAttribute] {
        try db.query(
            """
            SELECT facet, value, weight, entry, method, review_item_id, normalized
            FROM user_attributes WHERE user_id = ? ORDER BY id
            """, id, row: { try Self.attribute($0, owner: "user '\(id)'") })
    }

    private func attributes(ofPersona id: String) throws -> [UserAttribute] {
        try db.query(
            """
            SELECT facet, value, weight, entry, method, review_item_id, normalized
            FROM persona_attributes WHERE persona_id = ? ORDER BY id
            """, id, row: { try Self.attribute($0, owner: "persona '\(id)'") })
    }

    /// Reads facet, value, weight, entry, method, review item and normalised text, starting at
    /// column `first`.
    private static func attribute(_ row: SQLiteRow, from first: Int = 0, owner: String) throws -> UserAttribute {
        guard let method = MappingMethod(rawValue: row.text(first + 4)) else {
            throw StorageError.corrupt("attribute method of \(owner): unknown method '\(row.text(first + 4))'")
        }
        return UserAttribute(
            facet: row.text(first), value: row.text(first + 1), weight: row.double(first + 2),
            entry: row.optionalText(first + 3), method: method, reviewItemID: row.optionalInt64(first + 5),
            normalized: row.optionalText(first + 6))
    }
}
