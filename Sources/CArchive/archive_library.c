#include "CArchive.h"

#include <CLazyLibrary.h>

/* Only for the types and constants: nothing here links libarchive. */
#include <archive.h>
#include <archive_entry.h>

#define DONDOC_ARCHIVE_FUNCTIONS(X)                                                                     \
    X(archive_read_new) X(archive_read_free) X(archive_read_support_format_zip_seekable)               \
    X(archive_read_support_format_rar) X(archive_read_support_format_rar5)                             \
    X(archive_read_support_format_7zip) X(archive_read_support_filter_all) X(archive_read_open_memory)  \
    X(archive_read_next_header) X(archive_read_data) X(archive_error_string) X(archive_entry_filetype)  \
    X(archive_entry_is_encrypted) X(archive_entry_pathname) X(archive_entry_pathname_utf8)

/* A pointer whose type differs from the library's own declaration stops the build instead
   of corrupting a call. */
#define DONDOC_CHECK(name)                                                                               \
    _Static_assert(__builtin_types_compatible_p(__typeof__(&name), __typeof__(((dondoc_archive_library *)0)->name)), \
                   #name " in CArchive.h does not match <archive.h>");
DONDOC_ARCHIVE_FUNCTIONS(DONDOC_CHECK)
_Static_assert(DONDOC_ARCHIVE_OK == ARCHIVE_OK && DONDOC_ARCHIVE_EOF == ARCHIVE_EOF && DONDOC_ARCHIVE_WARN == ARCHIVE_WARN,
               "CArchive.h's status codes are not libarchive's");
_Static_assert(DONDOC_AE_IFREG == AE_IFREG, "DONDOC_AE_IFREG is not AE_IFREG");

#define DONDOC_NAME(name) #name,
static const char *const names[] = { DONDOC_ARCHIVE_FUNCTIONS(DONDOC_NAME) };
_Static_assert(sizeof(dondoc_archive_library) == sizeof(names) / sizeof(names[0]) * sizeof(void *),
               "every field of dondoc_archive_library is named in DONDOC_ARCHIVE_FUNCTIONS");

static dondoc_archive_library shared;
static dondoc_lazy_library lazy = DONDOC_LAZY_LIBRARY(DONDOC_ARCHIVE_SONAME, names, shared);

const dondoc_archive_library *dondoc_archive_library_shared(const char **error) {
    *error = dondoc_lazy_library_load(&lazy);
    return *error ? NULL : &shared;
}
