#include "CTesseract.h"

#include <CLazyLibrary.h>
#include <stdlib.h>

/* Only for the types: nothing here links either library. */
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#define DONDOC_OCR_FUNCTIONS(X)                                                                          \
    X(TessBaseAPICreate) X(TessBaseAPIDelete) X(TessBaseAPIInit3) X(TessBaseAPISetVariable)             \
    X(TessBaseAPISetPageSegMode) X(TessBaseAPISetImage) X(TessBaseAPISetImage2)                         \
    X(TessBaseAPISetSourceResolution) X(TessBaseAPIRecognize) X(TessBaseAPIGetUTF8Text) X(TessDeleteText) \
    X(TessMonitorCreate) X(TessMonitorDelete) X(TessMonitorSetDeadlineMSecs)                             \
    X(pixReadHeaderMem) X(pixReadMem) X(pixDestroy) X(pixFlipLR) X(pixFlipTB) X(pixRotateOrth)           \
    X(pixConvertTo8) X(pixScale) X(pixGetWidth) X(pixGetHeight) X(pixGetDepth) X(pixGetColormap)

/* A pointer whose type differs from the library's own declaration stops the build instead
   of corrupting a call. */
#define DONDOC_CHECK(name)                                                                                \
    _Static_assert(__builtin_types_compatible_p(__typeof__(&name), __typeof__(((dondoc_ocr_library *)0)->name)), \
                   #name " in CTesseract.h does not match the library's header");
DONDOC_OCR_FUNCTIONS(DONDOC_CHECK)
_Static_assert(DONDOC_PSM_AUTO == PSM_AUTO, "DONDOC_PSM_AUTO is not Tesseract's PSM_AUTO");

#define DONDOC_NAME(name) #name,
static const char *const names[] = { DONDOC_OCR_FUNCTIONS(DONDOC_NAME) };
_Static_assert(sizeof(dondoc_ocr_library) == sizeof(names) / sizeof(names[0]) * sizeof(void *),
               "every field of dondoc_ocr_library is named in DONDOC_OCR_FUNCTIONS");

static dondoc_ocr_library shared;
static dondoc_lazy_library lazy = DONDOC_LAZY_LIBRARY(DONDOC_TESSERACT_SONAME, names, shared);

const dondoc_ocr_library *dondoc_ocr_library_shared(const char **error) {
    *error = dondoc_lazy_library_load(&lazy);
    return *error ? NULL : &shared;
}

const dondoc_ocr_library *dondoc_ocr_library_open(const char *soname, char *error, size_t error_size) {
    dondoc_ocr_library *library = calloc(1, sizeof *library);
    if (!library) return NULL;
    if (dondoc_lazy_library_open(soname, names, sizeof(names) / sizeof(names[0]), (void **)library, error, error_size)) {
        free(library);
        return NULL;
    }
    return library;
}
