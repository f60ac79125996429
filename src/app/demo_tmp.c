/*
 * demo_tmp.c — the demo's temporary folders: a pid marker in each, and the
 * folders of killed demos removed by the next one (see demo_tmp.h).
 */
#include "app/demo_tmp.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MARKER "pid"
#define PREFIX "attain-demo-"

/* The pid in folder FD's marker, 0 when it has none (or not a number). */
static long marker_pid(int fd)
{
    int m = openat(fd, MARKER, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (m < 0)
        return 0;
    char buf[32];
    ssize_t n = read(m, buf, sizeof buf - 1);
    close(m);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    char *end;
    errno = 0;
    long pid = strtol(buf, &end, 10);
    return errno == 0 && pid > 0 && pid <= INT32_MAX && (*end == '\n' || *end == '\0') ? pid : 0;
}

/* Remove folder NAME under PARENT when it is a stale demo folder (see
 * demo_tmp.h). Everything is reached through descriptors opened without
 * following links, so a name swapped meanwhile is never followed. */
static void remove_if_stale(int parent, const char *name, time_t now)
{
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || sb.st_uid != geteuid() ||
        now - sb.st_mtime <= DEMO_TMP_STALE_SECONDS) {
        close(fd);
        return;
    }
    long pid = marker_pid(fd);
    bool dead = pid ? kill((pid_t)pid, 0) != 0 && errno == ESRCH : now - sb.st_mtime > 3600;
    DIR *d = dead ? fdopendir(fd) : NULL;
    if (!d) {
        close(fd);
        return;
    }
    bool clean = true;
    for (struct dirent *de; (de = readdir(d));) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        struct stat es;
        if (fstatat(fd, de->d_name, &es, AT_SYMLINK_NOFOLLOW) != 0 || S_ISDIR(es.st_mode) ||
            unlinkat(fd, de->d_name, 0) != 0)
            clean = false;
    }
    closedir(d); /* closes fd */
    if (clean)
        unlinkat(parent, name, AT_REMOVEDIR);
}

void demo_tmp_claim(const char *dir)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/" MARKER, dir);
    int m = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (m >= 0) {
        char buf[32];
        int n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
        if (write(m, buf, (size_t)n) != n) {
            close(m);
            unlink(path); /* without a marker the folder counts as dead only when old */
        } else {
            close(m);
        }
    }
    struct stat me;
    if (stat(dir, &me) != 0)
        return;
    char parent_path[4200];
    snprintf(parent_path, sizeof parent_path, "%s", dir);
    char *slash = strrchr(parent_path, '/');
    const char *mine = slash ? slash + 1 : dir;
    if (slash == parent_path)
        parent_path[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        snprintf(parent_path, sizeof parent_path, ".");
    int parent = open(parent_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (parent < 0)
        return;
    DIR *d = fdopendir(dup(parent));
    if (d) {
        for (struct dirent *de; (de = readdir(d));)
            if (strncmp(de->d_name, PREFIX, strlen(PREFIX)) == 0 && strcmp(de->d_name, mine) != 0)
                remove_if_stale(parent, de->d_name, me.st_mtime);
        closedir(d);
    }
    close(parent);
}

void demo_tmp_release(const char *dir)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/" MARKER, dir);
    unlink(path);
}
