/*
 * demo_users.h — the sign-ins of the demo company (attain demo, make run):
 *   admin    / attain-admin     admin, nobody in the org
 *   manager  / attain-manager   the head of unit 华东
 *   rep      / attain-rep       an active rep of 华东 (the first by label who leads nobody)
 *   manager2 / attain-manager2  the head of unit 华南
 *   rep2     / attain-rep2      an active rep of 华南 (likewise)
 * Made once, inside the demo's transaction; a second demo keeps them.
 */
#pragma once
#include <stdint.h>

#include "base/err.h"

struct app;

enum at_status demo_users(struct app *app, int32_t as_of, struct at_err *err);
