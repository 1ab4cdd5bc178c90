#include "COpenSSL.h"

#include <CLazyLibrary.h>

/* Only for the types: nothing here links libcrypto. */
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#define DONDOC_CRYPTO_FUNCTIONS(X)                                                                      \
    X(X509_STORE_new) X(X509_STORE_free) X(X509_STORE_load_file) X(d2i_CMS_ContentInfo)                \
    X(CMS_ContentInfo_free) X(CMS_get1_certs) X(CMS_get0_SignerInfos) X(CMS_SignerInfo_cert_cmp)       \
    X(X509_STORE_CTX_new) X(X509_STORE_CTX_free) X(X509_STORE_CTX_init) X(X509_STORE_CTX_set_time)     \
    X(X509_verify_cert) X(ERR_clear_error) X(OPENSSL_sk_num) X(OPENSSL_sk_value) X(OPENSSL_sk_pop_free) \
    X(X509_free)

/* A pointer whose type differs from the library's own declaration stops the build instead
   of corrupting a call. */
#define DONDOC_CHECK(name)                                                                               \
    _Static_assert(__builtin_types_compatible_p(__typeof__(&name), __typeof__(((dondoc_crypto_library *)0)->name)), \
                   #name " in COpenSSL.h does not match OpenSSL's headers");
DONDOC_CRYPTO_FUNCTIONS(DONDOC_CHECK)

#define DONDOC_NAME(name) #name,
static const char *const names[] = { DONDOC_CRYPTO_FUNCTIONS(DONDOC_NAME) };
_Static_assert(sizeof(dondoc_crypto_library) == sizeof(names) / sizeof(names[0]) * sizeof(void *),
               "every field of dondoc_crypto_library is named in DONDOC_CRYPTO_FUNCTIONS");

static dondoc_crypto_library shared;
static dondoc_lazy_library lazy = DONDOC_LAZY_LIBRARY(DONDOC_CRYPTO_SONAME, names, shared);

const dondoc_crypto_library *dondoc_crypto_library_shared(const char **error) {
    *error = dondoc_lazy_library_load(&lazy);
    return *error ? NULL : &shared;
}

int dondoc_x509_count(struct stack_st_X509 *stack) {
    return shared.OPENSSL_sk_num((const OPENSSL_STACK *)stack);
}

X509 *dondoc_x509_at(struct stack_st_X509 *stack, int index) {
    return shared.OPENSSL_sk_value((const OPENSSL_STACK *)stack, index);
}

void dondoc_x509_stack_free(struct stack_st_X509 *stack) {
    shared.OPENSSL_sk_pop_free((OPENSSL_STACK *)stack, (OPENSSL_sk_freefunc)shared.X509_free);
}

int dondoc_signer_count(struct stack_st_CMS_SignerInfo *stack) {
    return shared.OPENSSL_sk_num((const OPENSSL_STACK *)stack);
}

CMS_SignerInfo *dondoc_signer_at(struct stack_st_CMS_SignerInfo *stack, int index) {
    return shared.OPENSSL_sk_value((const OPENSSL_STACK *)stack, index);
}
