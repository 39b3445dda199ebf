-- Per-review scores beside the review's own columns.
SELECT id, product, date, stars,
       e['compound'] AS compound, e['label'] AS label,
       e['dominant'] AS dominant, e['detected'] AS detected,
       text
FROM (SELECT *, emotive(text) AS e FROM reviews)
ORDER BY id
LIMIT 5
