-- Every certification and skill id that any stored catalog version has named (in its lists or in a level's
-- requirements): an achievement must name one of them (CatalogReferences). Kept beside the versions (written when a
-- version is stored) so the check reads a few rows, not every snapshot; filled here from the versions stored before.
CREATE TABLE catalog_item (
    kind    TEXT NOT NULL CHECK (kind IN ('CERTIFICATION', 'SKILL')),
    item_id TEXT NOT NULL,
    PRIMARY KEY (kind, item_id)
);

INSERT INTO catalog_item (kind, item_id)
SELECT 'CERTIFICATION', c ->> 'id' FROM catalog_version, jsonb_array_elements(snapshot -> 'certifications') c
UNION
SELECT 'SKILL', s ->> 'id' FROM catalog_version, jsonb_array_elements(snapshot -> 'skills') s
UNION
SELECT r ->> 'type', r ->> 'ref'
FROM catalog_version, jsonb_array_elements(snapshot -> 'levels') l, jsonb_array_elements(l -> 'requirements') g,
     jsonb_array_elements(g -> 'items') r
WHERE r ->> 'type' IN ('CERTIFICATION', 'SKILL');
