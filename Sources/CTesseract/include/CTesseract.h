#ifndef DONDOC_CTESSERACT_H
#define DONDOC_CTESSERACT_H
#include <stddef.h>

/* Tesseract and Leptonica, opened on first use (CLazyLibrary.h says why): only a scan or a
   photo needs them, and with them come libcurl (TLS, LDAP, Kerberos), OpenMP and the image
   codecs: 28 of the 103 libraries the reader used to load. Opaque types and a table of the
   functions dondoc calls, each checked against the libraries' headers in ocr_library.c. */

/* Debian 12's libtesseract5. Leptonica is whichever this library links (liblept.so.5 on
   Debian 12, libleptonica.so.6 later): its functions are looked up through it. */
#define DONDOC_TESSERACT_SONAME "libtesseract.so.5"

/* Tesseract's PSM_AUTO (a TessPageSegMode), as this header includes none of Tesseract's. */
#define DONDOC_PSM_AUTO 3u

typedef struct Pix PIX;
typedef struct PixColormap PIXCMAP;
typedef struct TessBaseAPI TessBaseAPI;
typedef struct ETEXT_DESC ETEXT_DESC;

#pragma clang assume_nonnull begin

/* Named as the functions are, so that the Swift reads like the C API. */
typedef struct dondoc_ocr_library {
    TessBaseAPI *_Nullable (*_Nonnull TessBaseAPICreate)(void);
    void (*TessBaseAPIDelete)(TessBaseAPI *handle);
    int (*TessBaseAPIInit3)(TessBaseAPI *handle, const char *_Nullable datapath, const char *language);
    int (*TessBaseAPISetVariable)(TessBaseAPI *handle, const char *name, const char *value);
    /* TessPageSegMode, an enum whose underlying type is unsigned int. */
    void (*TessBaseAPISetPageSegMode)(TessBaseAPI *handle, unsigned int mode);
    void (*TessBaseAPISetImage)(TessBaseAPI *handle, const unsigned char *imagedata, int width, int height,
                                int bytes_per_pixel, int bytes_per_line);
    void (*TessBaseAPISetImage2)(TessBaseAPI *handle, PIX *pix);
    void (*TessBaseAPISetSourceResolution)(TessBaseAPI *handle, int ppi);
    int (*TessBaseAPIRecognize)(TessBaseAPI *handle, ETEXT_DESC *_Nullable monitor);
    char *_Nullable (*_Nonnull TessBaseAPIGetUTF8Text)(TessBaseAPI *handle);
    void (*TessDeleteText)(const char *text);
    ETEXT_DESC *_Nullable (*_Nonnull TessMonitorCreate)(void);
    void (*TessMonitorDelete)(ETEXT_DESC *monitor);
    void (*TessMonitorSetDeadlineMSecs)(ETEXT_DESC *monitor, int deadline);

    int (*pixReadHeaderMem)(const unsigned char *data, size_t size, int *format, int *width, int *height,
                            int *bps, int *spp, int *iscmap);
    PIX *_Nullable (*_Nonnull pixReadMem)(const unsigned char *data, size_t size);
    void (*pixDestroy)(PIX *_Nullable *_Nonnull pix);
    PIX *_Nullable (*_Nonnull pixFlipLR)(PIX *_Nullable destination, PIX *source);
    PIX *_Nullable (*_Nonnull pixFlipTB)(PIX *_Nullable destination, PIX *source);
    PIX *_Nullable (*_Nonnull pixRotateOrth)(PIX *source, int quarterTurns);
    PIX *_Nullable (*_Nonnull pixConvertTo8)(PIX *source, int keepColormap);
    PIX *_Nullable (*_Nonnull pixScale)(PIX *source, float scaleX, float scaleY);
    int (*pixGetWidth)(const PIX *pix);
    int (*pixGetHeight)(const PIX *pix);
    int (*pixGetDepth)(const PIX *pix);
    PIXCMAP *_Nullable (*_Nonnull pixGetColormap)(PIX *pix);
} dondoc_ocr_library;

/* The library, opened the first time any thread asks and kept; NULL with why in *error
   (the same answer every time) when it cannot be opened. */
const dondoc_ocr_library *_Nullable dondoc_ocr_library_shared(const char *_Nullable *_Nonnull error);

/* The library of that name, opened anew (and never closed), or NULL with why in error: for
   tests that name a library which is not there. */
const dondoc_ocr_library *_Nullable dondoc_ocr_library_open(const char *soname, char *error, size_t error_size);

#pragma clang assume_nonnull end
#endif
