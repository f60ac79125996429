/* api_session.c — the API routes of sign-in, the signed-in user, users and API tokens. */
#include "http/http.h"

const struct route api_session_routes[] = {
    {0},
};
