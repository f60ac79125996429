/* dynlib.c — a library loaded on first use (see dynlib.h). */
#include "base/dynlib.h"

#include <dlfcn.h>
#include <stdio.h>

bool dyn_load(const char *soname, const struct dyn_sym *syms, size_t n, char *why, size_t size)
{
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(why, size, "%s", e ? e : soname);
        return false;
    }
    for (size_t i = 0; i < n; i++)
        if (!(*syms[i].slot = dlsym(h, syms[i].name))) {
            snprintf(why, size, "%s has no %s", soname, syms[i].name);
            return false;
        }
    return true;
}
