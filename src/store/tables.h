/*
 * tables.h — the columns of the stored tables, one X-macro per table, so the
 * store's SQL and the application's row builders agree on order and names.
 * Not listed: id, ext_id, source_id, source_line, row_hash (the store manages them).
 * X(column, type) with type INT (int64) or TEXT.
 */
#pragma once

#define STORE_COLS_UNITS(X) X(name, TEXT) X(parent_id, INT) X(path, TEXT)
#define STORE_COLS_PEOPLE(X)                                                                    \
    X(name, TEXT) X(employee_no, TEXT) X(unit_id, INT) X(manager_id, INT) X(email, TEXT)        \
    X(title, TEXT) X(weight_milli, INT) X(active, INT) X(join_date, TEXT) X(leave_date, TEXT)
#define STORE_COLS_CUSTOMERS(X)                                                                 \
    X(name, TEXT) X(segment, TEXT) X(region, TEXT) X(industry, TEXT) X(tags, TEXT)              \
    X(owner_id, INT) X(unit_id, INT) X(created, TEXT)
#define STORE_COLS_DEALS(X)                                                                     \
    X(name, TEXT) X(customer_id, INT) X(owner_id, INT) X(unit_id, INT) X(credit, TEXT)          \
    X(product, TEXT) X(amount, INT) X(currency, TEXT) X(amount_rc, INT) X(stage, TEXT)          \
    X(status, TEXT) X(probability_bp, INT) X(created, TEXT) X(expected_close, TEXT)             \
    X(closed, TEXT)
#define STORE_COLS_ORDERS(X)                                                                    \
    X(date, TEXT) X(customer_id, INT) X(owner_id, INT) X(unit_id, INT) X(credit, TEXT)          \
    X(currency, TEXT)
#define STORE_COLS_ORDER_LINES(X)                                                               \
    X(order_id, INT) X(line, TEXT) X(product, TEXT) X(quantity_milli, INT) X(amount, INT)       \
    X(amount_rc, INT)
#define STORE_COLS_PAYMENTS(X)                                                                  \
    X(date, TEXT) X(customer_id, INT) X(owner_id, INT) X(unit_id, INT) X(credit, TEXT)          \
    X(order_id, INT) X(amount, INT) X(currency, TEXT) X(amount_rc, INT)
#define STORE_COLS_ACTIVITIES(X)                                                                \
    X(type, TEXT) X(date, TEXT) X(owner_id, INT) X(customer_id, INT) X(note, TEXT)
#define STORE_COLS_SURVEYS(X)                                                                   \
    X(date, TEXT) X(customer_id, INT) X(owner_id, INT) X(unit_id, INT) X(score, INT)            \
    X(scale, INT)
#define STORE_COLS_MARKETS(X)                                                                   \
    X(unit_id, INT) X(period, TEXT) X(start_date, TEXT) X(end_date, TEXT) X(amount, INT)              \
    X(currency, TEXT) X(amount_rc, INT)
#define STORE_COLS_HOLIDAYS(X) X(date, TEXT) X(kind, TEXT) X(name, TEXT)
#define STORE_COLS_RATES(X) X(currency, TEXT) X(date, TEXT) X(rate_e8, INT)

/* The tables: enum name suffix, SQL name, column list. */
#define STORE_TABLE_LIST(X)                                                                     \
    X(UNITS, units, STORE_COLS_UNITS)                                                           \
    X(PEOPLE, people, STORE_COLS_PEOPLE)                                                        \
    X(CUSTOMERS, customers, STORE_COLS_CUSTOMERS)                                               \
    X(DEALS, deals, STORE_COLS_DEALS)                                                           \
    X(ORDERS, orders, STORE_COLS_ORDERS)                                                        \
    X(ORDER_LINES, order_lines, STORE_COLS_ORDER_LINES)                                         \
    X(PAYMENTS, payments, STORE_COLS_PAYMENTS)                                                  \
    X(ACTIVITIES, activities, STORE_COLS_ACTIVITIES)                                            \
    X(SURVEYS, surveys, STORE_COLS_SURVEYS)                                                     \
    X(MARKETS, markets, STORE_COLS_MARKETS)                                                     \
    X(HOLIDAYS, holidays, STORE_COLS_HOLIDAYS)                                                  \
    X(RATES, rates, STORE_COLS_RATES)

enum store_table {
#define AT_T(E, sql, cols) STORE_##E,
    STORE_TABLE_LIST(AT_T)
#undef AT_T
    STORE_TABLE_COUNT
};

/* Column indexes: COL_PEOPLE_manager_id, ..., COL_PEOPLE_COUNT. */
#define AT_COL_UNITS(c, t) COL_UNITS_##c,
enum { STORE_COLS_UNITS(AT_COL_UNITS) COL_UNITS_COUNT };
#undef AT_COL_UNITS
#define AT_COL_PEOPLE(c, t) COL_PEOPLE_##c,
enum { STORE_COLS_PEOPLE(AT_COL_PEOPLE) COL_PEOPLE_COUNT };
#undef AT_COL_PEOPLE
#define AT_COL_CUSTOMERS(c, t) COL_CUSTOMERS_##c,
enum { STORE_COLS_CUSTOMERS(AT_COL_CUSTOMERS) COL_CUSTOMERS_COUNT };
#undef AT_COL_CUSTOMERS
#define AT_COL_DEALS(c, t) COL_DEALS_##c,
enum { STORE_COLS_DEALS(AT_COL_DEALS) COL_DEALS_COUNT };
#undef AT_COL_DEALS
#define AT_COL_ORDERS(c, t) COL_ORDERS_##c,
enum { STORE_COLS_ORDERS(AT_COL_ORDERS) COL_ORDERS_COUNT };
#undef AT_COL_ORDERS
#define AT_COL_ORDER_LINES(c, t) COL_ORDER_LINES_##c,
enum { STORE_COLS_ORDER_LINES(AT_COL_ORDER_LINES) COL_ORDER_LINES_COUNT };
#undef AT_COL_ORDER_LINES
#define AT_COL_PAYMENTS(c, t) COL_PAYMENTS_##c,
enum { STORE_COLS_PAYMENTS(AT_COL_PAYMENTS) COL_PAYMENTS_COUNT };
#undef AT_COL_PAYMENTS
#define AT_COL_ACTIVITIES(c, t) COL_ACTIVITIES_##c,
enum { STORE_COLS_ACTIVITIES(AT_COL_ACTIVITIES) COL_ACTIVITIES_COUNT };
#undef AT_COL_ACTIVITIES
#define AT_COL_SURVEYS(c, t) COL_SURVEYS_##c,
enum { STORE_COLS_SURVEYS(AT_COL_SURVEYS) COL_SURVEYS_COUNT };
#undef AT_COL_SURVEYS
#define AT_COL_MARKETS(c, t) COL_MARKETS_##c,
enum { STORE_COLS_MARKETS(AT_COL_MARKETS) COL_MARKETS_COUNT };
#undef AT_COL_MARKETS
#define AT_COL_HOLIDAYS(c, t) COL_HOLIDAYS_##c,
enum { STORE_COLS_HOLIDAYS(AT_COL_HOLIDAYS) COL_HOLIDAYS_COUNT };
#undef AT_COL_HOLIDAYS
#define AT_COL_RATES(c, t) COL_RATES_##c,
enum { STORE_COLS_RATES(AT_COL_RATES) COL_RATES_COUNT };
#undef AT_COL_RATES
