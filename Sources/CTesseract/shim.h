#ifndef DONDOC_CTESSERACT_SHIM_H
#define DONDOC_CTESSERACT_SHIM_H
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>
/* Leptonica's pixDestroy takes PIX **; Swift's optional pointers make that awkward at every
   call. */
static inline void dondoc_pix_destroy(PIX *pix) { if (pix) pixDestroy(&pix); }
#endif
