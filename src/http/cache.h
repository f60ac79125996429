/*
 * cache.h — the answers of the heavy read routes (ROUTE_CACHE: goal status,
 * the tree, metrics, reports, the dashboard summary) kept per server thread
 * until the data changes. An answer is kept under its key (who asks, the
 * language, the day, the method, path and arguments) with the version it
 * was computed at: the thread's connection's change counter (SQLite's
 * data_version: any other connection's commit, another process's too,
 * changes it) and the server's count of state-changing requests (this
 * connection's own commits). A lookup at another version misses, so an
 * answer is never served after a change it does not include.
 */
#pragma once
#include <stdbool.h>
#include <stdint.h>

struct http_resp;
struct resp_cache;

struct resp_cache *resp_cache_new(void);
void resp_cache_free(struct resp_cache *c);

/* The answer kept for KEY at (DATA_VERSION, WRITES) into the empty W: true
 * when there is one. */
bool resp_cache_get(struct resp_cache *c, const char *key, int64_t data_version, int64_t writes,
                    struct http_resp *w);
/* Keep W (a plain 200 JSON answer: no download, no extra header; others are
 * not kept) for KEY at (DATA_VERSION, WRITES). */
void resp_cache_put(struct resp_cache *c, const char *key, int64_t data_version, int64_t writes,
                    const struct http_resp *w);
