#ifndef DONDOC_COPENSSL_SHIM_H
#define DONDOC_COPENSSL_SHIM_H
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

/* OpenSSL's typed stack accessors are macros, which Swift does not import. */
static inline int dondoc_x509_count(STACK_OF(X509) *s) { return sk_X509_num(s); }
static inline X509 *dondoc_x509_at(STACK_OF(X509) *s, int i) { return sk_X509_value(s, i); }
static inline void dondoc_x509_stack_free(STACK_OF(X509) *s) { sk_X509_pop_free(s, X509_free); }
static inline int dondoc_signer_count(STACK_OF(CMS_SignerInfo) *s) { return sk_CMS_SignerInfo_num(s); }
static inline CMS_SignerInfo *dondoc_signer_at(STACK_OF(CMS_SignerInfo) *s, int i) {
    return sk_CMS_SignerInfo_value(s, i);
}
#endif
