/*
 * timeit.c — run one command and report its wall time and peak memory
 * (bench/run builds it; not part of attain).
 *
 *   timeit OUTFILE ERRFILE COMMAND [ARGS...]
 *
 * runs COMMAND with stdout to OUTFILE and stderr to ERRFILE and prints
 * "wall_us=<float> maxrss_kb=<int> status=<int> cpu_us=<float>" on stdout:
 * the wall time from fork to exit (CLOCK_MONOTONIC), the child's peak
 * resident set size (wait4's ru_maxrss), its exit status (128+signal when
 * killed) and its CPU time, user + system (wait4's ru_utime + ru_stime).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: timeit OUTFILE ERRFILE COMMAND [ARGS...]\n");
        return 2;
    }
    int out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || err < 0) {
        perror("timeit: open");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("timeit: fork");
        return 2;
    }
    if (pid == 0) {
        dup2(out, 1);
        dup2(err, 2);
        close(out);
        close(err);
        execvp(argv[3], argv + 3);
        perror(argv[3]);
        _exit(127);
    }
    int st = 0;
    struct rusage ru;
    if (wait4(pid, &st, 0, &ru) < 0) {
        perror("timeit: wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double us = (double)(t1.tv_sec - t0.tv_sec) * 1e6 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e3;
    int status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 +
                 (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
    printf("wall_us=%.1f maxrss_kb=%ld status=%d cpu_us=%.0f\n", us, ru.ru_maxrss, status, cpu);
    return 0;
}
