/*
 * feeds.h — the columns of the engine's feeds, one X-macro per feed, so the
 * store's SELECT and the engine's reading of each row agree on order and
 * names (like tables.h for the stored tables). X(column, SQL expression).
 * A feed is its column list plus the FROM ... ORDER BY text in db.c; its
 * rows arrive as struct store_row with column k at FC_<FEED>_<column>.
 * Only portable SQL: no function of one database alone.
 */
#pragma once

#define STORE_FEED_COLS_UNITS(X)                                                                   \
    X(id, "id") X(parent_id, "parent_id") X(name, "name") X(path, "path") X(ext_id, "ext_id")
#define STORE_FEED_COLS_PEOPLE(X)                                                                  \
    X(id, "id")                                                                                    \
    X(unit_id, "unit_id") X(manager_id, "manager_id") X(active, "active") X(name, "name")          \
        X(ext_id, "ext_id") X(employee_no, "employee_no") X(weight_milli, "weight_milli")          \
            X(email, "email") X(join_date, "join_date") X(leave_date, "leave_date")
#define STORE_FEED_COLS_CUSTOMERS(X)                                                               \
    X(id, "id")                                                                                    \
    X(name, "name") X(segment, "segment") X(region, "region") X(tags, "tags") X(ext_id, "ext_id")
#define STORE_FEED_COLS_ORDER_LINES(X)                                                             \
    X(order_id, "o.id")                                                                            \
    X(line_id, "l.id") X(date, "o.date") X(customer_id, "o.customer_id") X(owner_id, "o.owner_id") \
        X(unit_id, "o.unit_id") X(credit, "o.credit") X(product, "l.product")                      \
            X(amount_rc, "l.amount_rc")
#define STORE_FEED_COLS_PAYMENTS(X)                                                                \
    X(id, "id")                                                                                    \
    X(date, "date") X(customer_id, "customer_id") X(owner_id, "owner_id") X(unit_id, "unit_id")    \
        X(credit, "credit") X(amount_rc, "amount_rc")
#define STORE_FEED_COLS_DEALS(X)                                                                   \
    X(id, "id")                                                                                    \
    X(customer_id, "customer_id") X(owner_id, "owner_id") X(unit_id, "unit_id")                    \
        X(credit, "credit") X(product, "product") X(amount_rc, "amount_rc") X(stage, "stage")      \
            X(status, "status") X(probability_bp, "probability_bp") X(created, "created")          \
                X(expected_close, "expected_close") X(closed, "closed")
#define STORE_FEED_COLS_ACTIVITIES(X)                                                              \
    X(id, "id")                                                                                    \
    X(type, "type") X(date, "date") X(owner_id, "owner_id") X(customer_id, "customer_id")
#define STORE_FEED_COLS_SURVEYS(X)                                                                 \
    X(id, "id")                                                                                    \
    X(date, "date") X(customer_id, "customer_id") X(owner_id, "owner_id") X(unit_id, "unit_id")    \
        X(score, "score") X(scale, "scale")
#define STORE_FEED_COLS_MARKETS(X)                                                                 \
    X(unit_id, "unit_id") X(period, "period") X(amount_rc, "amount_rc")

/* The data feeds: enum suffix, column list, FROM ... ORDER BY text. */
#define STORE_FEED_LIST(X)                                                                         \
    X(UNITS, STORE_FEED_COLS_UNITS, "FROM units ORDER BY id")                                      \
    X(PEOPLE, STORE_FEED_COLS_PEOPLE, "FROM people ORDER BY id")                                   \
    X(CUSTOMERS, STORE_FEED_COLS_CUSTOMERS, "FROM customers ORDER BY id")                          \
    X(ORDER_LINES, STORE_FEED_COLS_ORDER_LINES,                                                    \
      "FROM order_lines l JOIN orders o ON o.id = l.order_id ORDER BY o.id, l.id")                 \
    X(PAYMENTS, STORE_FEED_COLS_PAYMENTS, "FROM payments ORDER BY id")                             \
    X(DEALS, STORE_FEED_COLS_DEALS, "FROM deals ORDER BY id")                                      \
    X(ACTIVITIES, STORE_FEED_COLS_ACTIVITIES, "FROM activities ORDER BY id")                       \
    X(SURVEYS, STORE_FEED_COLS_SURVEYS, "FROM surveys ORDER BY id")                                \
    X(MARKETS, STORE_FEED_COLS_MARKETS, "FROM markets ORDER BY id")

/* Column indexes: FC_PEOPLE_manager_id, ..., FC_PEOPLE_COUNT. */
#define AT_FC(feed, cols, from) enum { cols(AT_FC_##feed) FC_##feed##_COUNT };
#define AT_FC_UNITS(c, e)       FC_UNITS_##c,
#define AT_FC_PEOPLE(c, e)      FC_PEOPLE_##c,
#define AT_FC_CUSTOMERS(c, e)   FC_CUSTOMERS_##c,
#define AT_FC_ORDER_LINES(c, e) FC_ORDER_LINES_##c,
#define AT_FC_PAYMENTS(c, e)    FC_PAYMENTS_##c,
#define AT_FC_DEALS(c, e)       FC_DEALS_##c,
#define AT_FC_ACTIVITIES(c, e)  FC_ACTIVITIES_##c,
#define AT_FC_SURVEYS(c, e)     FC_SURVEYS_##c,
#define AT_FC_MARKETS(c, e)     FC_MARKETS_##c,
STORE_FEED_LIST(AT_FC)
#undef AT_FC
