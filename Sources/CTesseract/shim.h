#pragma once
#include <dlfcn.h>
#include <stddef.h>
#include <tesseract/capi.h>

// Debian's tesseract uses OpenMP, whose extra threads cost more than they save on small images and a
// shared CPU: dynamic mode with one thread also caps its num_threads(N) clauses (libgomp bounds them by
// the dynamic maximum, which never exceeds nthreads); looked up at run time as libgomp may be absent.
static inline void shim_tesseract_single_thread(void) {
    void *self = dlopen(NULL, RTLD_NOW);
    if (self == NULL) return;
    void (*set_dynamic)(int) = (void (*)(int)) dlsym(self, "omp_set_dynamic");
    void (*set_threads)(int) = (void (*)(int)) dlsym(self, "omp_set_num_threads");
    if (set_dynamic != NULL) set_dynamic(1);
    if (set_threads != NULL) set_threads(1);
    dlclose(self);
}
