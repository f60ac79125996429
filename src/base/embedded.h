/*
 * embedded.h — files compiled into the binary (SQL migrations, the holiday
 * calendar). The table is generated at build time by tools/embed.cmake.
 */
#pragma once
#include <stddef.h>

struct embedded_file {
    const char *name; /* "migrations/001_init.sql", "holidays/cn.csv" */
    const char *data; /* NUL-terminated contents */
    size_t size;      /* bytes, without the NUL */
};

/* Terminated by an entry whose name is NULL; sorted as the build listed them. */
extern const struct embedded_file embedded_files[];

/* The embedded file called NAME, or NULL. */
const struct embedded_file *embedded_find(const char *name);
