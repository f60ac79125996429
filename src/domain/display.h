/*
 * display.h — metric values for people: the canonical texts attain computes
 * ("1234.50", "0.4521", "3.5229", "12") shown in English or Chinese — money
 * with the currency's sign and thousands separators, in 万 and 亿 in Chinese
 * from 1万 ("¥12.35万", "¥1.23亿", the unit chosen after rounding),
 * percentages with one decimal ("45.2%"), scores with two, counts grouped
 * (a count with a fraction — an expected or forecast count — to one decimal);
 * "—" when there is no value. Used by terminal tables and the plan document.
 */
#pragma once
#include "domain/value_kind.h"

#include "base/err.h"
#include "base/str.h"

/* enum value_kind: domain/value_kind.h */

/* Append TEXT of KIND in LANG ("zh..." Chinese, else English) to OUT; money
 * in CURRENCY (NULL or "" = CNY). Text that is not a decimal is put as it is. */
enum at_status display_value(enum value_kind kind, const char *text, const char *currency,
                             const char *lang, struct buf *out);

/*
 * SCOPE (canonical "company", "unit:华东/上海", "person:张伟", "team:张伟")
 * as people read it in LANG, into OUT (SIZE bytes, cut on a UTF-8 boundary):
 * in Chinese the name alone — 公司, 华东/上海, 张伟, 张伟团队 — and in
 * English (and for any other text) SCOPE unchanged. Returns OUT. CSV, JSON
 * and what users type keep the canonical spelling.
 */
const char *display_scope(const char *scope, const char *lang, char *out, size_t size);

/*
 * SCOPE as documents (the plan, the review agenda) name it in LANG, into OUT
 * (SIZE bytes): in Chinese as display_scope (公司, 华东/上海, 张伟, 张伟团队);
 * in English "Company", the unit's path ("华东/上海"), the person's name
 * ("张伟"), "张伟's team" — never the kind prefix of the canonical text.
 * Any other text is put unchanged. Returns OUT.
 */
const char *display_scope_name(const char *scope, const char *lang, char *out, size_t size);

/* A goal change's reason with what attain appended to it in parentheses —
 * "(reconcile with goal 1 by even)", "(rebalance of goal 1 as of DATE by
 * even)", "(reassign of person:X P by even)", "(request #3 of X, approved:
 * COMMENT)" — in LANG into OUT (SIZE bytes); false (OUT unspecified) when
 * LANG is not Chinese or CELL has none of them: print CELL as it is. */
bool display_reason(const char *cell, const char *lang, char *out, size_t size);
