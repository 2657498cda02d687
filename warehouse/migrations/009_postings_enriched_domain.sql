-- postings_enriched gains the posting's business domain (transforms/enrich/domain.py, vocabulary in
-- transforms/data/domains.yaml). domain = 'finance' | 'healthcare' | 'legal', NULL when the text names none of
-- them (or for rows enriched before this migration); asks_domain_expertise = the posting asks the candidate for
-- experience or knowledge of an industry (any industry), NULL for rows enriched before this migration.
ALTER TABLE postings_enriched ADD COLUMN domain VARCHAR;
ALTER TABLE postings_enriched ADD COLUMN asks_domain_expertise BOOLEAN;
