/*
 * i18n.h — the words of the command line's human output in English and
 * Chinese: column headers, labels and the coded values of terminal tables.
 * Machine formats (CSV, JSON) keep the canonical English names, which are
 * interfaces. Metric names are the domain's (metric.h), goal statuses
 * goal_status_zh's and scope names display_scope's: one table each.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* WORD (a canonical English header or label) in LANG ("en" or "zh"); WORD
 * itself when there is no translation. */
const char *i18n(const char *lang, const char *word);

/* True when LANG is Chinese. */
bool i18n_zh(const char *lang);

/*
 * CELL of the column named COL (canonical) as a terminal table shows it in
 * LANG. FIELD is the row's "field" cell in name/value tables (goal show), so
 * a value is read by its field; else NULL. In Chinese: the "field" column is
 * a label; scope cells are names (公司, 华东, 张伟); metric and driver cells
 * metric names; yes/no 是/否; activity types, holiday kinds, deal statuses,
 * goal statuses, directions and cadences in words. Everything else (names,
 * numbers, dates, ids) and every cell in English comes back as CELL. The
 * result is CELL, a static string, or TMP (SIZE bytes).
 */
const char *i18n_cell(const char *lang, const char *col, const char *field, const char *cell,
                      char *tmp, size_t size);

/* Print WORD in LANG to OUT, padded with spaces to WIDTH display columns
 * (CJK characters are two) and one more space: the label of "label value"
 * lines (summary, period, demo). */
void i18n_label(FILE *out, const char *lang, const char *word, size_t width);
