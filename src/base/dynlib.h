/*
 * dynlib.h — a library loaded on first use (dlopen of its soname, dlsym of
 * each function), for the ones only some commands need (libcurl,
 * libmicrohttpd, libxlsxwriter): a process that does not use them does not
 * map them at start.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>

/* A function to resolve: its name and where its address goes. */
struct dyn_sym {
    const char *name;
    void **slot;
};

/* Load SONAME and resolve every one of SYMS (N). false when the library or a
 * function is missing, with why in WHY (SIZE bytes): the loader's message, or
 * "SONAME has no NAME". */
bool dyn_load(const char *soname, const struct dyn_sym *syms, size_t n, char *why, size_t size);
