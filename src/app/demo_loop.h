/*
 * demo_loop.h — the demo's weekly loop (check-ins, forecast calls, reviews,
 * scorecards) added to a freshly made demo plan; see demo_loop.c.
 */
#pragma once
#include <stdint.h>

#include "app/app.h"
#include "base/err.h"

/* Run the loop over the goals APP holds, as of AS_OF, drawing from SEED. The
 * request's actor is left as it was. */
enum at_status demo_loop(struct app *app, int32_t as_of, uint64_t seed, struct at_err *err);
