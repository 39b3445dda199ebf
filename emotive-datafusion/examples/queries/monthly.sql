-- Mean compound and the share of reviews showing each emotion, per month and product.
SELECT month, product, count(*) AS reviews,
       round(avg(e['compound']), 3) AS mean_compound,
       round(avg(CASE WHEN e['label'] = 'negative' THEN 1.0 ELSE 0.0 END), 3) AS negative,
       round(avg(CASE WHEN array_has(e['detected'], 'anger') THEN 1.0 ELSE 0.0 END), 3) AS anger,
       round(avg(CASE WHEN array_has(e['detected'], 'disgust') THEN 1.0 ELSE 0.0 END), 3) AS disgust,
       round(avg(CASE WHEN array_has(e['detected'], 'fear') THEN 1.0 ELSE 0.0 END), 3) AS fear,
       round(avg(CASE WHEN array_has(e['detected'], 'joy') THEN 1.0 ELSE 0.0 END), 3) AS joy,
       round(avg(CASE WHEN array_has(e['detected'], 'sadness') THEN 1.0 ELSE 0.0 END), 3) AS sadness,
       round(avg(CASE WHEN array_has(e['detected'], 'trust') THEN 1.0 ELSE 0.0 END), 3) AS trust
FROM (SELECT month, product, emotive(text) AS e FROM reviews)
GROUP BY month, product
ORDER BY month, product
