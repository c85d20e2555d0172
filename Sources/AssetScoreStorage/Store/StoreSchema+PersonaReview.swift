import Foundation

extension StoreSchema {
    /// Migration 8: persona attributes wait for review like user attributes.
    ///
    /// Until now an unmapped persona attribute was stored as unmapped and reached no review item,
    /// so it silently did not count in the simulator. The two link columns and their covering
    /// indexes mirror `user_attributes` (version 2's `*_waiting_on` and `*_settled_by`).
    ///
    /// Rows already stored are linked the way `linkedAttribute` links a new one, so an upgrade
    /// does not need a re-import: an unmapped text without an item gets a pending item (the first
    /// spelling by row id is its sample), one with a pending item waits on it, a decided one takes
    /// the decision's entry (when that entry still exists) and a rejected one stays rejected. Rows
    /// without a normalised text (never written by the importer) are left as they are.
    static let personaReview = """
        ALTER TABLE persona_attributes ADD COLUMN review_item_id INTEGER REFERENCES review_items(id);
        ALTER TABLE persona_attributes ADD COLUMN resolved_by_item INTEGER REFERENCES review_items(id);
        CREATE INDEX persona_attributes_waiting_on ON persona_attributes(review_item_id, persona_id)
            WHERE review_item_id IS NOT NULL;
        CREATE INDEX persona_attributes_settled_by ON persona_attributes(resolved_by_item, review_item_id, persona_id)
            WHERE resolved_by_item IS NOT NULL;

        INSERT INTO review_items (facet, normalized, sample_text, status, candidates, created_at)
            SELECT facet, normalized, value, 'pending', '[]', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            FROM persona_attributes
            WHERE entry IS NULL AND method = 'unmapped' AND normalized IS NOT NULL AND normalized <> ''
            ORDER BY id
        ON CONFLICT (facet, normalized) DO NOTHING;

        UPDATE persona_attributes SET method = 'unmapped', review_item_id = r.id
        FROM review_items r
        WHERE persona_attributes.entry IS NULL AND persona_attributes.method IN ('unmapped', 'rejected')
          AND r.facet = persona_attributes.facet AND r.normalized = persona_attributes.normalized
          AND r.status = 'pending';

        UPDATE persona_attributes SET entry = r.decided_entry, method = 'decision', resolved_by_item = r.id
        FROM review_items r JOIN entries e ON e.id = r.decided_entry
        WHERE persona_attributes.entry IS NULL AND persona_attributes.method IN ('unmapped', 'rejected')
          AND r.facet = persona_attributes.facet AND r.normalized = persona_attributes.normalized
          AND r.status IN ('mapped', 'created');

        UPDATE persona_attributes SET method = 'rejected', resolved_by_item = r.id
        FROM review_items r
        WHERE persona_attributes.entry IS NULL AND persona_attributes.method IN ('unmapped', 'rejected')
          AND r.facet = persona_attributes.facet AND r.normalized = persona_attributes.normalized
          AND r.status = 'rejected';
        """
}
