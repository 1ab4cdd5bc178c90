#ifndef DONDOC_CGMIME_SHIM_H
#define DONDOC_CGMIME_SHIM_H
#include <gmime/gmime.h>

/* GObject's cast and type-check macros do not import into Swift; these functions are
   the only thing this shim adds. */
static inline gboolean dondoc_is_multipart(GMimeObject *o) { return GMIME_IS_MULTIPART(o); }
static inline gboolean dondoc_is_multipart_signed(GMimeObject *o) { return GMIME_IS_MULTIPART_SIGNED(o); }
static inline gboolean dondoc_is_part(GMimeObject *o) { return GMIME_IS_PART(o); }
static inline gboolean dondoc_is_text_part(GMimeObject *o) { return GMIME_IS_TEXT_PART(o); }
static inline gboolean dondoc_is_message_part(GMimeObject *o) { return GMIME_IS_MESSAGE_PART(o); }
static inline GMimeMultipart *dondoc_as_multipart(GMimeObject *o) { return GMIME_MULTIPART(o); }
static inline GMimePart *dondoc_as_part(GMimeObject *o) { return GMIME_PART(o); }
static inline GMimeTextPart *dondoc_as_text_part(GMimeObject *o) { return GMIME_TEXT_PART(o); }
static inline GMimeMessagePart *dondoc_as_message_part(GMimeObject *o) { return GMIME_MESSAGE_PART(o); }
static inline GMimeObject *dondoc_as_object(gpointer p) { return GMIME_OBJECT(p); }
static inline gboolean dondoc_is_stream_mem(GMimeStream *s) { return GMIME_IS_STREAM_MEM(s); }
static inline GMimeStreamMem *dondoc_as_stream_mem(GMimeStream *s) { return GMIME_STREAM_MEM(s); }
static inline GMimeStreamFilter *dondoc_as_stream_filter(GMimeStream *s) { return GMIME_STREAM_FILTER(s); }
static inline gboolean dondoc_is_mailbox(InternetAddress *a) { return INTERNET_ADDRESS_IS_MAILBOX(a); }
static inline InternetAddressMailbox *dondoc_as_mailbox(InternetAddress *a) { return INTERNET_ADDRESS_MAILBOX(a); }
static inline gboolean dondoc_is_group(InternetAddress *a) { return INTERNET_ADDRESS_IS_GROUP(a); }
static inline InternetAddressGroup *dondoc_as_group(InternetAddress *a) { return INTERNET_ADDRESS_GROUP(a); }
static inline void dondoc_unref(gpointer p) { if (p) g_object_unref(p); }
#endif
