#skip-without-data
# Olist review scores as surveys: 3,584 rows, a 1-5 scale, review dates
# from timestamps; the mean score checked against sqlite3 over the raw file.
$ attain init --currency BRL >/dev/null
$ attain import surveys "$DATA/olist_orders_reviews_classified/olist_classified_public_dataset.csv" >/dev/null
$ sqlite3 :memory: ".import --csv $DATA/olist_orders_reviews_classified/olist_classified_public_dataset.csv r" "select count(*), printf('%.4f', avg(review_score)), min(substr(review_creation_date, 1, 10)), max(substr(review_creation_date, 1, 10)) from r" > expected.txt && attain ls surveys --format csv > s.csv && sqlite3 :memory: ".import --csv s.csv s" "select count(*), printf('%.4f', avg(score)), min(date), max(date) from s" > actual.txt && diff expected.txt actual.txt && cat actual.txt
> 3584|3.5229|2017-03-11|2018-04-18
