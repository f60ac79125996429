/*
 * test_db_locks.c — a second connection in the same process (a server opens
 * one per worker thread) must not drop the locks the first one holds on the
 * database file. POSIX record locks belong to the process, and closing ANY
 * descriptor of the file releases all of them: opening the file to check it
 * exists (fopen+fclose) did that, after which another process could take
 * the database as its last user, checkpoint and delete the WAL under the
 * server (which then stopped seeing changes, and could lose its writes).
 * A forked child asks the kernel (F_GETLK) whether this process still holds
 * SQLite's shared lock range on the file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/app.h"

/* SQLite's unix VFS: the shared lock range starts 2 bytes past PENDING_BYTE
 * (0x40000000) and is 510 bytes long. */
#define SHARED_FIRST 0x40000002
#define SHARED_SIZE  510

/* Does another process see a lock of ours on PATH's shared range? */
static bool parent_holds_lock(const char *path)
{
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(path, O_RDWR);
        struct flock fl = {
            .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = SHARED_FIRST, .l_len = SHARED_SIZE};
        int held = fd >= 0 && fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
        _exit(held ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void test_second_connection_keeps_locks(void **state)
{
    (void)state;
    char dir[] = "/tmp/attain-locks-XXXXXX", db[64];
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/t.db", dir);
    struct at_err err = {0};
    struct init_options io = {0};
    struct app *made, *a, *b, *c;
    assert_int_equal(app_init(db, &io, &made, &err), AT_OK);
    app_close(made);
    assert_int_equal(app_open(db, &a, &err), AT_OK);
    int64_t v;
    assert_int_equal(app_change_counter(a, &v, &err), AT_OK); /* a read: WAL mode keeps SHARED */
    if (!parent_holds_lock(db))
        fail_msg("the first connection holds no shared lock (the test's premise)");
    for (int i = 0; i < 2; i++) {
        assert_int_equal(app_open(db, i ? &c : &b, &err), AT_OK);
        if (!parent_holds_lock(db))
            fail_msg("opening connection %d dropped the process's locks on the database", i + 2);
    }
    app_close(c);
    app_close(b);
    app_close(a);
    char path[128];
    const char *suffix[] = {"", "-wal", "-shm", ".engine"};
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        snprintf(path, sizeof path, "%s%s", db, suffix[i]);
        unlink(path);
    }
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_second_connection_keeps_locks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
