#ifndef DONDOC_CARCHIVE_SHIM_H
#define DONDOC_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
/* libarchive imports whole; nothing to add. AE_IFREG is an octal macro Swift sees as Int32,
   while archive_entry_filetype returns mode_t: one typed constant saves casts. */
static inline int dondoc_archive_entry_is_regular(struct archive_entry *e) {
    return archive_entry_filetype(e) == AE_IFREG;
}
#endif
