#ifndef DONDOC_CPOPPLER_SHIM_H
#define DONDOC_CPOPPLER_SHIM_H
#include <poppler.h>
#include <cairo.h>

/* GObject's unref takes a gpointer, which Swift will not hand an opaque pointer to without
   a cast at every call; this and the checksum type below are all the shim adds. */
static inline void dondoc_poppler_unref(gpointer p) { if (p) g_object_unref(p); }
/* G_CHECKSUM_SHA256 imports, but GChecksumType's raw value does not convert on every
   toolchain; one place decides. */
static inline GChecksum *dondoc_sha256_new(void) { return g_checksum_new(G_CHECKSUM_SHA256); }
#endif
