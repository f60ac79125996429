/*
 * demo_tmp.h — the demo's temporary folders (attain-demo-XXXXXX under the
 * front end's temporary directory): marked with the pid of the process that
 * made them, and those of dead processes removed by the next demo.
 */
#pragma once
#include <stdbool.h>

/* Mark DIR (just made by mkdtemp) as this process's: a file "pid" holding
 * its pid. Then remove, from DIR's parent, every other attain-demo-* folder
 * owned by the running user whose maker is dead (its "pid" answers ESRCH to
 * kill(pid, 0); a folder without one, made before markers, counts as dead
 * once an hour old) and whose last change is more than DEMO_TMP_STALE_SECONDS
 * old by the file system's clock (DIR's own mtime: no wall clock is read). A
 * folder of another user, a live process's, a link, or one holding
 * subfolders is left alone. Best effort: failures leave things in place. */
#define DEMO_TMP_STALE_SECONDS 300
void demo_tmp_claim(const char *dir);
/* The marker of DIR, removed before DIR itself. */
void demo_tmp_release(const char *dir);
