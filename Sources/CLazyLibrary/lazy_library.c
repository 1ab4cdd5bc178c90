#include "CLazyLibrary.h"

#include <dlfcn.h>
#include <stdio.h>

int dondoc_lazy_library_open(const char *soname, const char *const *names, size_t count,
                             void **table, char *error, size_t error_size) {
    /* RTLD_NOW: a library lacking a symbol it needs fails here, with a reason, not in the
       middle of a document. RTLD_LOCAL: nothing opened later binds to it by accident. */
    void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(error, error_size, "%s", dlerror());
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        /* dlsym on a handle searches the library and then what it links: Leptonica's
           functions come through Tesseract, and are those of the Leptonica it uses. */
        table[i] = dlsym(handle, names[i]);
        if (!table[i]) {
            snprintf(error, error_size, "%s has no %s", soname, names[i]);
            for (size_t j = 0; j <= i; j++) table[j] = NULL;
            dlclose(handle);
            return -1;
        }
    }
    /* Never closed: the table points into it for the rest of the process. */
    return 0;
}

const char *dondoc_lazy_library_load(dondoc_lazy_library *library) {
    pthread_mutex_lock(&library->lock);
    if (!library->attempted) {
        library->attempted = 1;
        library->opened = dondoc_lazy_library_open(library->soname, library->names, library->count, library->table,
                                                   library->error, sizeof library->error) == 0;
    }
    const char *why = library->opened ? NULL : library->error;
    pthread_mutex_unlock(&library->lock);
    return why;
}
