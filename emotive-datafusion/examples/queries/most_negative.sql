-- The five most negative reviews.
SELECT id, product, date, stars,
       sentiment_compound(text) AS compound,
       dominant_emotion(text) AS dominant,
       left(text, 60) AS text
FROM reviews
ORDER BY compound, id
LIMIT 5
