/*
 * mhd.c — libmicrohttpd loaded on first use (mhd.h says why).
 */
#include <pthread.h>
#include <stdio.h>

#include "base/dynlib.h"
#include "http/mhd.h"

#define MHD_SONAME "libmicrohttpd.so.12"

struct mhd_fns mhd_fn;

static pthread_once_t mhd_once = PTHREAD_ONCE_INIT;

/* What MHD_start_daemon is when the library cannot be loaded. */
static struct MHD_Daemon *no_daemon(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc,
                                    void *apc_cls, MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
    (void)flags, (void)port, (void)apc, (void)apc_cls, (void)dh, (void)dh_cls;
    return NULL;
}

static void mhd_load_once(void)
{
    static const struct dyn_sym fns[] = {
        {"MHD_start_daemon", (void **)&mhd_fn.start_daemon},
        {"MHD_quiesce_daemon", (void **)&mhd_fn.quiesce_daemon},
        {"MHD_stop_daemon", (void **)&mhd_fn.stop_daemon},
        {"MHD_get_connection_values", (void **)&mhd_fn.get_connection_values},
        {"MHD_get_connection_info", (void **)&mhd_fn.get_connection_info},
        {"MHD_lookup_connection_value", (void **)&mhd_fn.lookup_connection_value},
        {"MHD_queue_response", (void **)&mhd_fn.queue_response},
        {"MHD_suspend_connection", (void **)&mhd_fn.suspend_connection},
        {"MHD_resume_connection", (void **)&mhd_fn.resume_connection},
        {"MHD_create_response_from_buffer", (void **)&mhd_fn.create_response_from_buffer},
        {"MHD_create_response_from_buffer_with_free_callback",
         (void **)&mhd_fn.create_response_from_buffer_with_free_callback},
        {"MHD_create_response_from_callback", (void **)&mhd_fn.create_response_from_callback},
        {"MHD_add_response_header", (void **)&mhd_fn.add_response_header},
        {"MHD_destroy_response", (void **)&mhd_fn.destroy_response},
    };
    char why[256];
    if (!dyn_load(MHD_SONAME, fns, sizeof fns / sizeof fns[0], why, sizeof why)) {
        fprintf(stderr, "attain serve: %s could not be loaded: %s\n", MHD_SONAME, why);
        mhd_fn.start_daemon = no_daemon;
    }
}

void mhd_load(void)
{
    pthread_once(&mhd_once, mhd_load_once);
}
