#ifndef DONDOC_CCURL_SHIM_H
#define DONDOC_CCURL_SHIM_H
#include <curl/curl.h>
#include <poll.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic macros-over-functions, which
   Swift cannot call; these typed wrappers are the whole shim. */
static inline CURLcode dondoc_curl_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode dondoc_curl_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode dondoc_curl_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode dondoc_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}
typedef size_t (*dondoc_curl_data_callback)(char *, size_t, size_t, void *);
static inline CURLcode dondoc_curl_setopt_callback(CURL *h, CURLoption o, dondoc_curl_data_callback f) {
    return curl_easy_setopt(h, o, f);
}
/* curl_off_t options (CURLOPT_INFILESIZE_LARGE: the message size, for SMTP's SIZE=). */
static inline CURLcode dondoc_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
/* CURLOPT_DEBUGFUNCTION: the only place libcurl shows which SMTP command a reply answers. */
typedef int (*dondoc_curl_debug_callback)(CURL *, curl_infotype, char *, size_t, void *);
static inline CURLcode dondoc_curl_setopt_debug_callback(CURL *h, CURLoption o, dondoc_curl_debug_callback f) {
    return curl_easy_setopt(h, o, f);
}
static inline CURLcode dondoc_curl_getinfo_long(CURL *h, CURLINFO i, long *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode dondoc_curl_getinfo_socket(CURL *h, CURLINFO i, curl_socket_t *v) {
    return curl_easy_getinfo(h, i, v);
}
/* CURL_GLOBAL_DEFAULT is a macro expression, which Swift does not import. */
static inline CURLcode dondoc_curl_global_init_default(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}
#endif
