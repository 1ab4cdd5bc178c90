#ifndef DONDOC_CLAZYLIBRARY_H
#define DONDOC_CLAZYLIBRARY_H
#include <pthread.h>
#include <stddef.h>

/* The reader starts once per document, and its start-up was mostly the dynamic loader
   mapping and binding libraries a given document never uses (Tesseract and its libcurl for a
   text PDF, libarchive for a PDF, OpenSSL without a trusted CA). CTesseract, CArchive and
   COpenSSL therefore open theirs with dlopen on first use, through this: one table of
   function pointers per library, filled at most once per process. */

typedef struct dondoc_lazy_library {
    const char *soname;
    /* The functions, in the order of the table's fields. */
    const char *const *names;
    size_t count;
    void **table;
    pthread_mutex_t lock;
    int attempted;
    int opened;
    char error[512];
} dondoc_lazy_library;

/* A static dondoc_lazy_library for a table of function pointers. */
#define DONDOC_LAZY_LIBRARY(soname, names, table)                                                      \
    { (soname), (names), sizeof(names) / sizeof((names)[0]), (void **)&(table), PTHREAD_MUTEX_INITIALIZER, 0, 0, { 0 } }

/* NULL once every function is in the table, else why not (dlerror's words, or the function
   missing). The first call opens the library; every later one, from any thread, gives the
   same answer. */
const char *dondoc_lazy_library_load(dondoc_lazy_library *library);

/* Opens soname (RTLD_NOW | RTLD_LOCAL) and puts names[i] in table[i]: 0, or -1 with why in
   error, the library closed again. Functions are also looked up in what the library links. */
int dondoc_lazy_library_open(const char *soname, const char *const *names, size_t count,
                             void **table, char *error, size_t error_size);

#endif
