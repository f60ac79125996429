/*
 * mhd.h — libmicrohttpd for server.c and resp.c, loaded on first use
 * (dlopen of its soname) instead of linked: linked, it and the TLS stack it
 * pulls in (GnuTLS, Nettle, GMP, p11-kit, libtasn1, libidn2, libunistring,
 * libffi) were mapped and relocated at the start of every attain process,
 * about 6 ms of each cold `attain metric`, for the one command that serves.
 * The header gives the types and constants; every function the server calls
 * goes through mhd_fn (the same type, by __typeof__). MHD_start_daemon loads
 * the library first; when it cannot be loaded, a line on stderr says why and
 * MHD_start_daemon returns NULL (the server then reports it did not start).
 * Every other function is called only on a started daemon.
 */
#pragma once

#include <microhttpd.h>

struct mhd_fns {
    __typeof__(MHD_start_daemon) *start_daemon;
    __typeof__(MHD_quiesce_daemon) *quiesce_daemon;
    __typeof__(MHD_stop_daemon) *stop_daemon;
    __typeof__(MHD_get_connection_values) *get_connection_values;
    __typeof__(MHD_get_connection_info) *get_connection_info;
    __typeof__(MHD_lookup_connection_value) *lookup_connection_value;
    __typeof__(MHD_queue_response) *queue_response;
    __typeof__(MHD_suspend_connection) *suspend_connection;
    __typeof__(MHD_resume_connection) *resume_connection;
    __typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
    __typeof__(MHD_create_response_from_buffer_with_free_callback)
        *create_response_from_buffer_with_free_callback;
    __typeof__(MHD_create_response_from_callback) *create_response_from_callback;
    __typeof__(MHD_add_response_header) *add_response_header;
    __typeof__(MHD_destroy_response) *destroy_response;
};
extern struct mhd_fns mhd_fn;

/* Load libmicrohttpd and fill mhd_fn, once (thread-safe); when it cannot be
 * loaded, say why on stderr and point start_daemon at a stand-in that
 * returns NULL. Called by the MHD_start_daemon below. */
void mhd_load(void);

#define MHD_start_daemon                (mhd_load(), *mhd_fn.start_daemon)
#define MHD_quiesce_daemon              (*mhd_fn.quiesce_daemon)
#define MHD_stop_daemon                 (*mhd_fn.stop_daemon)
#define MHD_get_connection_values       (*mhd_fn.get_connection_values)
#define MHD_get_connection_info         (*mhd_fn.get_connection_info)
#define MHD_lookup_connection_value     (*mhd_fn.lookup_connection_value)
#define MHD_queue_response              (*mhd_fn.queue_response)
#define MHD_suspend_connection          (*mhd_fn.suspend_connection)
#define MHD_resume_connection           (*mhd_fn.resume_connection)
#define MHD_create_response_from_buffer (*mhd_fn.create_response_from_buffer)
#define MHD_create_response_from_buffer_with_free_callback                                         \
    (*mhd_fn.create_response_from_buffer_with_free_callback)
#define MHD_create_response_from_callback (*mhd_fn.create_response_from_callback)
#define MHD_add_response_header           (*mhd_fn.add_response_header)
#define MHD_destroy_response              (*mhd_fn.destroy_response)
