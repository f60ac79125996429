/*
 * i18n.h — the words of the command line's human output in English and
 * Chinese: column headers and labels of terminal tables. Machine formats
 * (CSV, JSON) keep the canonical English names, which are interfaces.
 */
#pragma once

/* WORD (a canonical English header or label) in LANG ("en" or "zh"); WORD
 * itself when there is no translation. */
const char *i18n(const char *lang, const char *word);
