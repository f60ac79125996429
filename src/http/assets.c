/*
 * assets.c — the web UI's files: the copy embedded at build time
 * (tools/embed_web.cmake) or, while developing, a folder on disk
 * (--assets-dir) that no name may leave; their content types.
 */
#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/str.h"
#include "http/assets.h"
#include "http/internal.h"

static bool name_ok(const char *name)
{
    if (!*name || name[0] == '/' || strchr(name, '\\'))
        return false;
    /* no segment "." or ".." and no empty one */
    const char *p = name;
    for (;;) {
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == 0 || (len == 1 && p[0] == '.') || (len == 2 && p[0] == '.' && p[1] == '.'))
            return false;
        if (!e)
            return true;
        p = e + 1;
    }
}

static bool embedded(const char *name, struct http_asset_ref *out)
{
    for (const struct web_asset *a = web_assets; a->name; a++)
        if (strcmp(a->name, name) == 0) {
            out->data = a->data;
            out->len = a->size;
            snprintf(out->etag, sizeof out->etag, "%s", a->etag);
            out->owned = false;
            return true;
        }
    return false;
}

static bool from_dir(const char *dir, const char *name, struct http_asset_ref *out)
{
    char root[PATH_MAX], want[PATH_MAX * 2], real[PATH_MAX];
    if (!realpath(dir, root))
        return false;
    snprintf(want, sizeof want, "%s/%s", root, name);
    if (!realpath(want, real))
        return false;
    size_t rl = strlen(root);
    /* the file itself, after every link is followed, must be inside DIR */
    if (strncmp(real, root, rl) != 0 || real[rl] != '/')
        return false;
    struct stat st;
    if (stat(real, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (64 << 20))
        return false;
    FILE *f = fopen(real, "rb");
    if (!f)
        return false;
    unsigned char *data = xmalloc((size_t)st.st_size + 1);
    size_t n = fread(data, 1, (size_t)st.st_size, f);
    fclose(f);
    data[n] = 0;
    unsigned char h[16];
    crypto_generichash(h, sizeof h, data, n, NULL, 0);
    sodium_bin2hex(out->etag, sizeof out->etag, h, sizeof h);
    out->data = data;
    out->len = n;
    out->owned = true;
    return true;
}

bool http_asset(const char *name, struct http_asset_ref *out)
{
    memset(out, 0, sizeof *out);
    if (!name_ok(name))
        return false;
    if (http_srv && http_srv->assets_dir) {
        if (from_dir(http_srv->assets_dir, name, out))
            return true;
        return str_starts_with(name, "vendor/") && embedded(name, out);
    }
    return embedded(name, out);
}

const char *http_asset_type(const char *name)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "application/javascript; charset=utf-8"},
        {".mjs", "application/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
    };
    const char *dot = strrchr(name, '.');
    const char *slash = strrchr(name, '/');
    if (dot && (!slash || dot > slash))
        for (size_t i = 0; i < sizeof types / sizeof *types; i++)
            if (strcmp(dot, types[i].ext) == 0)
                return types[i].type;
    return "application/octet-stream";
}
