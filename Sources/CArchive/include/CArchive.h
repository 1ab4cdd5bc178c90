#ifndef DONDOC_CARCHIVE_H
#define DONDOC_CARCHIVE_H
#include <stddef.h>
#include <sys/types.h>

/* libarchive, opened on first use (CLazyLibrary.h says why): only DOCX, ODT and archives
   need it, and it brings libxml2 with ICU, nettle and four compressors. Opaque types and a
   table of the functions dondoc calls, each checked against <archive.h> in archive_library.c. */

/* Debian 12's libarchive13 (and libarchive13t64 after it). */
#define DONDOC_ARCHIVE_SONAME "libarchive.so.13"

#define DONDOC_ARCHIVE_OK 0
#define DONDOC_ARCHIVE_EOF 1
#define DONDOC_ARCHIVE_WARN (-20)
/* AE_IFREG, typed as archive_entry_filetype's result so that Swift compares without a cast. */
#define DONDOC_AE_IFREG ((mode_t)0100000)

struct archive;
struct archive_entry;

#pragma clang assume_nonnull begin

typedef struct dondoc_archive_library {
    struct archive *_Nullable (*_Nonnull archive_read_new)(void);
    int (*archive_read_free)(struct archive *archive);
    int (*archive_read_support_format_zip_seekable)(struct archive *archive);
    int (*archive_read_support_format_rar)(struct archive *archive);
    int (*archive_read_support_format_rar5)(struct archive *archive);
    int (*archive_read_support_format_7zip)(struct archive *archive);
    int (*archive_read_support_filter_all)(struct archive *archive);
    int (*archive_read_open_memory)(struct archive *archive, const void *buffer, size_t size);
    int (*archive_read_next_header)(struct archive *archive, struct archive_entry *_Nullable *_Nonnull entry);
    ssize_t (*archive_read_data)(struct archive *archive, void *buffer, size_t size);
    const char *_Nullable (*_Nonnull archive_error_string)(struct archive *archive);
    mode_t (*archive_entry_filetype)(struct archive_entry *entry);
    int (*archive_entry_is_encrypted)(struct archive_entry *entry);
    const char *_Nullable (*_Nonnull archive_entry_pathname)(struct archive_entry *entry);
    const char *_Nullable (*_Nonnull archive_entry_pathname_utf8)(struct archive_entry *entry);
} dondoc_archive_library;

/* The library, opened the first time any thread asks and kept; NULL with why in *error
   (the same answer every time) when it cannot be opened. */
const dondoc_archive_library *_Nullable dondoc_archive_library_shared(const char *_Nullable *_Nonnull error);

#pragma clang assume_nonnull end
#endif
