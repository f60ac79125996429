/*
 * demo_data.h — the demo data set: three years of a realistic Chinese sales
 * company (华信科技) written as the CRM exports `attain import` reads.
 *
 * The generator is deterministic: the same options give byte-identical files on
 * every machine (own PRNG, integer money, no libm). It writes, into an existing
 * directory, people.csv, customers.csv, deals.csv, orders.csv, payments.csv,
 * activities.csv, surveys.csv and markets.csv: UTF-8 without BOM, comma
 * delimited, RFC 4180 quoting where needed, with the canonical field names of
 * docs/import.md as headers. Import them in that order; every reference
 * (manager, owner, customer, order) names an id written in an earlier file or
 * earlier in the same file (managers before their reports).
 *
 * What is in it: a director in 总部, a 区域经理 per region (华东 华南 华北), a
 * 销售经理 per team (8 teams, e.g. 华东/上海/一组) and N_REPS 销售代表 spread
 * over the teams — a few left (active = no; their customers passed to the rep
 * who replaced them) and a few joined later. Customers, deals with stages and
 * win rates by rep skill, orders with seasonality (Q4 strongest, quarter-end
 * pushes, the Spring Festival dip, ~15% growth a year), payments (回款),
 * activities, CSAT and NPS surveys and the market size per region and year.
 * No date is after AS_OF except the expected_close of open deals.
 */
#pragma once
#include <stdint.h>

#include "base/err.h"

struct demo_options {
    int32_t as_of; /* day number (days since 1970-01-01); the data runs from Jan 1 of
                      year(as_of) - 2 through as_of */
    uint64_t seed; /* PRNG seed: same seed and options, same bytes */
    int n_reps;    /* number of 销售代表 rows, leavers and joiners included; 0 = 60;
                      1..500 */
};

/* Rows written per kind. units counts the org units the people file's paths
 * create (总部, regions, cities, teams), not the implicit company root; people
 * counts everyone (director and managers included); orders counts distinct
 * order ids, order_lines the rows of orders.csv. */
struct demo_counts {
    long units, people, customers, deals, orders, order_lines, payments, activities, surveys,
        markets;
};

/*
 * Generate the demo data for OPT and write the eight files into DIR, which must
 * exist (files of the same names are overwritten). COUNTS (may be NULL) gets
 * the rows written. Errors: AT_INVALID for a NULL DIR or OPT, an N_REPS out of
 * range or an AS_OF outside the years 3..9998; AT_IO naming the file when it
 * cannot be written (files written before the failure stay). Allocates only
 * temporarily; takes well under a second.
 */
enum at_status demo_data_write(const char *dir, const struct demo_options *opt,
                               struct demo_counts *counts, struct at_err *err);
