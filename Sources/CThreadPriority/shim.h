#pragma once

// Per-thread scheduling priority, which Swift cannot reach itself: gettid() is declared only
// with _GNU_SOURCE, and syscall() is variadic.

#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

// Sets the calling thread's nice value to the process's (its main thread's) plus `increment`,
// at most 19, unless it is that low already: calling it again on the same thread (a pooled
// thread running another block) changes nothing. Other threads keep theirs, because on Linux
// PRIO_PROCESS with a thread id names that one thread. Returns 0, or errno when the priority
// could not be read or set.
static inline int assetscore_lower_thread_priority(int increment) {
#if defined(__linux__)
    pid_t tid = (pid_t)syscall(SYS_gettid);
    errno = 0;
    int base = getpriority(PRIO_PROCESS, (id_t)getpid());
    if (errno != 0) return errno;
    int current = getpriority(PRIO_PROCESS, (id_t)tid);
    if (errno != 0) return errno;
    int target = base + increment > 19 ? 19 : base + increment;
    if (target <= current) return 0;
    return setpriority(PRIO_PROCESS, (id_t)tid, target) == 0 ? 0 : errno;
#else
    (void)increment;
    return 0;
#endif
}

// Stores the calling thread's nice value in *nice (for tests); returns 0, or errno.
static inline int assetscore_thread_nice(int *nice) {
#if defined(__linux__)
    pid_t tid = (pid_t)syscall(SYS_gettid);
    errno = 0;
    int current = getpriority(PRIO_PROCESS, (id_t)tid);
    if (errno != 0) return errno;
    *nice = current;
    return 0;
#else
    *nice = 0;
    return 0;
#endif
}
