/*
 * peak_rss: run a program and record its own peak resident set size.
 *
 *   peak_rss FILE PROGRAM [ARG...]
 *
 * Runs PROGRAM as a child, waits for it, and writes "MAXRSS_KB WAIT_STATUS\n"
 * to FILE: ru_maxrss from wait4(2) and the raw wait status. Exits with the
 * child's exit status, or 128 + signal if it was killed, as a shell does.
 *
 * Why not wait4 straight from the Python driver: on Linux, execve records the
 * high-water RSS of the memory it replaces into the new program's ru_maxrss.
 * A child that Python forks (or vforks) starts from Python's memory, so its
 * ru_maxrss can never read below the driver's own peak (about 15 MB), which
 * hides a 3 MB C program. Forked from this small process instead, the child
 * inherits a high-water mark of about 1 MB.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: peak_rss FILE PROGRAM [ARG...]\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("peak_rss: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], &argv[2]);
        fprintf(stderr, "peak_rss: cannot run %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int status;
    struct rusage usage;
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            perror("peak_rss: wait4");
            return 2;
        }
    }
    FILE *out = fopen(argv[1], "w");
    if (out == NULL || fprintf(out, "%ld %d\n", usage.ru_maxrss, status) < 0 || fclose(out) != 0) {
        fprintf(stderr, "peak_rss: cannot write %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
